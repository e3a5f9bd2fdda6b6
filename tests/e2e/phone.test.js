// Phones: the text agent takes Chinese IME composition into an ImGui text field, lists
// scroll by touch drag, and an idle app draws nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staticSiteAndBrowser, openPage, waitReady, items, stats, screenshot, viewports, centre, waitFor, settle,
         animationFrames } from './lib/browser.js';

// A plain static host with no endpoint behind it: the app browses the bundled catalogue.
const fixture = staticSiteAndBrowser();

// Opens the route catalogue, where the search box is.
async function openCatalogue(page) {
  await page.evaluate(() => { location.hash = '#/routes'; });
  return waitFor(page, async () => (await items(page)).find((i) => i.textField && i.visible), 'a text field');
}

test('tapping a text field focuses the text agent, and Chinese IME composition types into it', async () => {
  const { page, context, errors } = await openPage(fixture.browser, fixture.site.url, viewports.phone);
  await waitReady(page);
  const field = await openCatalogue(page);
  const { x, y } = centre(field);
  await page.touchscreen.tap(x, y);
  await waitFor(page, () => page.evaluate(() => document.activeElement && document.activeElement.id === 'lx-text-agent'),
                'the text agent to take focus');

  // Compose 江郎 the way a pinyin IME does: pre-edit updates, then one commit.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'jiang', selectionStart: 5, selectionEnd: 5 });
  await cdp.send('Input.imeSetComposition', { text: '江郎', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: '江郎' });

  const found = await waitFor(page, async () => {
    const matching = (await items(page)).filter((i) => i.visible && /江郎/.test(i.label));
    return matching.length > 0 ? matching : null;  // an empty list is truthy: keep waiting
  }, 'routes matching 江郎 to be listed');
  assert.ok(found.length > 0);
  // Backspace from the keyboard reaches ImGui too: one character gone, so fewer or equal matches remain 江-only.
  await page.keyboard.press('Backspace');
  await animationFrames(page, 4);  // the key has reached ImGui and a frame was drawn after it
  const figures = await stats(page);
  assert.equal(figures.missingGlyphs, 0, 'the composed characters are drawn');
  await screenshot(page, 'ime-search-phone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a list scrolls by touch drag and glides on', async () => {
  const { page, context } = await openPage(fixture.browser, fixture.site.url, viewports.phone);
  await waitReady(page);
  await page.evaluate(() => { location.hash = '#/routes'; });
  const firstCard = async () => (await items(page)).filter((i) => i.visible && i.label && i.height > 60)
    .sort((a, b) => a.y - b.y)[0];
  // The catalogue itself, not the home screen's cards still on show (a fixed wait was a guess).
  await waitFor(page, async () => (await items(page)).some((i) => /^找到 \d+ 条线路$/.test(i.label)), 'the catalogue');
  await settle(page);
  const before = await firstCard();
  const cdp = await context.newCDPSession(page);
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x: 200, y }] });
  await touch('touchStart', 700);
  for (let y = 680; y >= 300; y -= 40) {
    await touch('touchMove', y);
    await animationFrames(page, 1);  // a finger moves between frames, not all at once
  }
  await touch('touchEnd', 300);
  await settle(page);  // the glide has come to rest
  const after = await firstCard();
  assert.notEqual(after.label, before.label, 'the list moved: another card is first on screen');
  await context.close();
});

test('an idle app draws no frames', async () => {
  const { page, context } = await openPage(fixture.browser, 'about:blank', viewports.phone);
  // Idle seconds on Playwright's clock (Date, timers, requestAnimationFrame): three of them pass
  // when the test says, however busy the machine is.
  await page.clock.install();
  await page.goto(fixture.site.url);
  await waitReady(page);
  await settle(page);  // the first screen is drawn and nothing more is on its way
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 500));  // a moment ahead: the page's clock runs on meanwhile
  const start = (await stats(page)).frames;
  await page.clock.runFor(3000);
  const end = (await stats(page)).frames;
  assert.equal(end - start, 0, `frames drawn in 3 idle seconds: ${end - start}`);
  await context.close();
});

// Truly idle: with nothing to draw the page's loop sleeps, so the browser runs no animation
// frame callbacks at all (each would wake the CPU 60 times a second on a battery). Input, a
// link (hash change) and a resize wake it, and it sleeps again once their frames are drawn.
test('an idle app runs no animation frame callbacks; a tap, a link and a resize wake it', async () => {
  const context = await fixture.browser.newContext(viewports.phone);
  await context.addInitScript(() => {
    const request = window.requestAnimationFrame.bind(window);
    window.__callbacks = 0;
    window.requestAnimationFrame = (callback) => request((time) => { window.__callbacks++; callback(time); });
  });
  const page = await context.newPage();
  await page.goto(fixture.site.url);
  await waitReady(page);
  const callbacks = () => page.evaluate(() => window.__callbacks);
  // The loop may still be busy for a while after ready (background glyph work); then it sleeps.
  const asleep = async (what) => {
    let last = -1;
    await waitFor(page, async () => {
      const now = await callbacks();
      const still = now === last;
      last = now;
      if (!still) await page.waitForTimeout(1000);
      return still;
    }, `the loop to sleep ${what}`, 30000);
    const before = await callbacks();
    await page.waitForTimeout(2500);
    assert.equal(await callbacks() - before, 0, `animation frame callbacks in 2.5 idle seconds ${what}`);
  };
  await asleep('after the first screen');

  const drawnAfter = async (act, what) => {
    const frames = (await stats(page)).frames;
    await act();
    await waitFor(page, async () => (await stats(page)).frames > frames, `a frame drawn for ${what}`);
  };
  const tab = await waitFor(page, async () => (await items(page)).find((i) => i.visible && i.id !== 0 && i.label === '线路'),
                            'the 线路 tab');
  await drawnAfter(() => page.touchscreen.tap(centre(tab).x, centre(tab).y), 'a tap');
  await waitFor(page, () => page.evaluate(() => location.hash === '#/routes'), 'the tap to open the routes');
  await asleep('after a tap');
  await drawnAfter(() => page.evaluate(() => { location.hash = '#/members'; }), 'a link');
  await asleep('after a link');
  await drawnAfter(() => page.setViewportSize({ width: 844, height: 390 }), 'a resize');
  await asleep('after a resize');
  await context.close();
});

// ‹ 返回 in the app and the phone's back button walk one history: going back in the app steps
// the browser's history back (no new entry), so the phone's back button then goes further
// back, not to the screen the user just left.
test('‹ 返回 steps the browser history back, and the back button then goes further back', async () => {
  const { page, context, errors } = await openPage(fixture.browser, `${fixture.site.url}#/`, viewports.phone);
  await waitReady(page);
  const hash = () => page.evaluate(() => location.hash);
  const liveStatus = () => page.evaluate(() => document.querySelector('[role=status]').textContent);
  const tap = async (test, what) => {
    const item = await waitFor(page, async () => (await items(page)).find((i) => i.visible && i.id !== 0 && test(i)), what);
    await page.touchscreen.tap(centre(item).x, centre(item).y);
  };
  const entries = () => page.evaluate(() => history.length);
  const start = await entries();

  await tap((i) => i.label === '线路', 'the 线路 tab');
  await waitFor(page, async () => (await hash()) === '#/routes', 'the catalogue');
  await tap((i) => i.height > 100 && i.label && i.y > 200, 'a route card');
  await waitFor(page, async () => (await hash()).startsWith('#/route/'), 'a route');
  assert.equal(await entries(), start + 2, 'two screens forward, two entries');

  await tap((i) => i.label === '‹ 返回', 'the ‹ 返回 button');
  await waitFor(page, async () => (await hash()) === '#/routes', 'back on the catalogue');
  await settle(page);
  assert.equal(await entries(), start + 2, 'going back in the app adds no entry');
  assert.equal(await hash(), '#/routes', 'and the browser stays where the app went back to');

  await page.goBack();
  await waitFor(page, async () => (await hash()) === '#/', 'the back button to go on to home, not to the route just left');
  await waitFor(page, async () => (await liveStatus()) === '首页', 'the home screen shown');
  // And forward again, to the catalogue: one history, in step.
  await page.goForward();
  await waitFor(page, async () => /^全部线路 · /.test(await liveStatus()), 'the catalogue again');
  assert.equal(await hash(), '#/routes');
  assert.deepEqual(errors, []);
  await context.close();
});

test('‹ 返回 on a screen opened by a link replaces the entry instead of leaving the app or adding one', async () => {
  const { page, context, errors } = await openPage(fixture.browser, `${fixture.site.url}#/policies`, viewports.phone);
  await waitReady(page);
  const start = await page.evaluate(() => history.length);
  const back = await waitFor(page, async () => (await items(page)).find((i) => i.visible && i.label === '‹ 返回'), 'the ‹ 返回 button');
  await page.touchscreen.tap(centre(back).x, centre(back).y);
  await waitFor(page, async () => (await page.evaluate(() => location.hash)) === '#/', 'home');
  await settle(page);
  assert.equal(await page.evaluate(() => location.hash), '#/', 'still in the app, on home');
  assert.equal(await page.evaluate(() => history.length), start, 'no entry added');
  assert.deepEqual(errors, []);
  await context.close();
});
