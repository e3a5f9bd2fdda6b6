// Driving the app's canvas as a person would, through window.liaoxiu.items(): what is on
// screen (every item with its label and rectangle), taps and clicks at an item's centre,
// typing through the text agent. Shared by every end-to-end test.
import { items, stats, centre, waitFor } from './browser.js';

// A visible item that passes `test`; undefined if none.
export const findItem = async (page, test) => (await items(page)).find((i) => i.visible && test(i));

// The labels of every visible item, in drawing order.
export const visibleLabels = async (page) => (await items(page)).filter((i) => i.visible && i.label).map((i) => i.label);
export const shows = async (page, pattern) => (await visibleLabels(page)).some((l) => pattern.test(l));
export const waitShown = (page, pattern, timeout) => waitFor(page, () => shows(page, pattern), `${pattern}`, timeout);

// An interactive item (id 0 marks plain text lines) with exactly this label.
export const findWidget = (page, label, accept = () => true, timeout) => waitFor(page, async () =>
  findItem(page, (i) => i.id !== 0 && i.label === label && accept(i)), `a "${label}" widget`, timeout);

// A finger's tap on the widget labelled `label`.
export async function tap(page, label, accept) {
  const { x, y } = centre(await findWidget(page, label, accept));
  await page.touchscreen.tap(x, y);
}

// A mouse click on whatever visible item is labelled `label` (a tab, a button, a line).
export async function click(page, label) {
  const item = await waitFor(page, () => findItem(page, (i) => i.label === label), `"${label}" on screen`);
  const { x, y } = centre(item);
  await page.mouse.click(x, y);
}

// The app draws on demand: waits until it has drawn at least `count` more frames.
export async function framesAfter(page, before, count = 2) {
  await waitFor(page, async () => (await stats(page)).frames >= before + count, 'the app to draw');
}

// Taps a text field (which focuses the hidden text agent, as on a phone), selects what it
// holds and types over it in one input event, as a phone keyboard's commit or a paste.
// Keys go to whichever field ImGui has active, so it waits until the agent sits at a caret
// inside this field. Counting frames is not enough: while another field is being edited,
// its caret's blink draws frames before the tap is even seen, and the text would land there.
export async function fill(page, label, text) {
  const field = await findWidget(page, label, (i) => i.textField);
  const { x, y } = centre(field);
  await page.touchscreen.tap(x, y);
  await waitFor(page, () => page.evaluate(({ x, y, width, height }) => {
    const agent = document.getElementById('lx-text-agent');
    const left = parseFloat(agent.style.left), top = parseFloat(agent.style.top);
    return document.activeElement === agent &&
           left >= x && left <= x + width && top >= y && top <= y + height;
  }, field), `the "${label}" field to be edited`);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

// Notices stack at the bottom over the content; "知道了" dismisses one.
export async function dismissNotices(page) {
  for (let i = 0; i < 10; ++i) {
    const ok = await findItem(page, (item) => item.id !== 0 && item.label === '知道了');
    if (!ok) return;
    const before = (await stats(page)).frames;
    const { x, y } = centre(ok);
    await page.touchscreen.tap(x, y);
    await framesAfter(page, before);
  }
}

// What the page's live regions say to a screen reader.
export const liveStatus = (page) => page.evaluate(() => document.querySelector('[role=status]').textContent);
export const liveAlert = (page) => page.evaluate(() => document.querySelector('[role=alert].lx-live')?.textContent ?? '');
