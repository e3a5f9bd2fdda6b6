// Driving the app's canvas as a person would, through window.liaoxiu.items(): what is on
// screen (every item with its label and rectangle), taps and clicks at an item's centre,
// typing through the text agent. Shared by every end-to-end test.
import { items, stats, centre, waitFor, settle } from './browser.js';
import { demoPassword } from './server.js';

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
//
// A date field (FieldKind::date) tapped opens the phone's date picker instead: the day is
// chosen there (Playwright's fill sets the <input type=date> and sends its input and change,
// as the picker does) and the app writes it into the field.
export const dateFieldKind = 4;
export async function fill(page, label, text) {
  const field = await findWidget(page, label, (i) => i.textField);
  const { x, y } = centre(field);
  await page.touchscreen.tap(x, y);
  if (field.fieldKind === dateFieldKind) {
    await waitFor(page, () => page.evaluate(() => document.activeElement?.id === 'lx-date-picker'),
                  `the date picker to open for "${label}"`);
    await page.fill('#lx-date-picker', text);
    await settle(page);  // the app writes the day in over a few frames; a tap meanwhile would take it elsewhere
    return;
  }
  await waitFor(page, () => page.evaluate(({ x, y, width, height }) => {
    const agent = document.getElementById('lx-text-agent');
    const left = parseFloat(agent.style.left), top = parseFloat(agent.style.top);
    return document.activeElement === agent &&
           left >= x && left <= x + width && top >= y && top <= y + height;
  }, field), `the "${label}" field to be edited`);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

// Wheels down the screen until an item labelled `label` (a string, or a RegExp the label
// matches) is fully in view (clear of the tab bar); returns it. Items scrolled out of view have
// no label, so a test cannot find them without this.
export async function scrollUntil(page, label) {
  const matches = typeof label === 'string' ? (l) => l === label : (l) => label.test(l);
  for (let step = 0; step < 40; step++) {
    const item = await findItem(page, (i) => matches(i.label));
    const height = page.viewportSize().height;
    if (item && item.y >= 0 && item.y + item.height <= height - 80) return item;
    await page.mouse.move(page.viewportSize().width / 2, height / 2);
    await page.mouse.wheel(0, 200);
    await settle(page, 300);
  }
  throw new Error(`"${label}" never came into view`);
}

// Signs in through the app's own form (#/signin), as a person would; `landing` is what the
// screen after it shows (我的 in the app; the secretariat on desk.html lands on the desk).
export async function signIn(page, login, landing = /^已登录：/) {
  await page.evaluate(() => { location.hash = '#/signin'; });
  await fill(page, '工号或账号', login);
  await fill(page, '密码', demoPassword);
  await tap(page, '登录', (i) => i.width > 200);  // the form's button, not the heading or a tab
  await waitShown(page, landing);
  await dismissNotices(page);  // 登录成功… would cover the bottom of the next screen
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
