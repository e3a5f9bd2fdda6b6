// Kiosk mode on a 1080×1920 portrait screen: large text, nothing personal kept, and after
// a while without input a countdown, then the home screen with everything personal gone.
// Also the live region screen readers read, and high contrast.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic } from './lib/static_server.js';
import { launch, openPage, waitReady, items, stats, screenshot, distDir, viewports, centre, waitFor, settle } from './lib/browser.js';
import { findItem, click, liveStatus, liveAlert } from './lib/canvas.js';

const IDLE_SECONDS = 5;
let site, plainSite, chrome;
before(async () => {
  plainSite = await serveStatic(distDir, { overrides: { 'config.json': '{}' } });
  // No endpoint: the bundled catalogue. config.json switches kiosk mode on with a short idle time.
  site = await serveStatic(distDir, {
    overrides: { 'config.json': JSON.stringify({ kiosk: { enabled: true, idle_seconds: IDLE_SECONDS } }) },
  });
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  await site?.close();
  await plainSite?.close();
});

const resultsLine = (page) => findItem(page, (i) => /^找到 \d+ 条线路$/.test(i.label));

test('kiosk: idle → countdown → home, with the session, search text and notices gone', async () => {
  // A session some earlier, personal use of this browser left behind.
  const { page, context, errors } = await openPage(chrome.browser, 'about:blank', viewports.kiosk);
  await page.clock.install();  // runs as the real clock does until the test pauses it
  await page.goto(site.url);
  await page.evaluate(() => localStorage.setItem('liaoxiu.session', JSON.stringify({ token: 'left-behind' })));
  await page.goto(`${site.url}?kiosk=1#/`);
  await waitReady(page);
  assert.equal((await stats(page)).kiosk, true);
  assert.equal((await stats(page)).highContrast, false);
  assert.equal(await page.evaluate(() => localStorage.getItem('liaoxiu.session')), null, 'kiosk mode drops a stored session');
  await waitFor(page, async () => (await liveStatus(page)) === '首页', 'the live region to name the home screen');

  // Big type: a kiosk's lines are taller than a phone's 17 px text.
  const tab = await findItem(page, (i) => i.label === '线路');
  assert.ok(tab.height >= 60, `tab bar height ${tab.height}`);

  // A group: its screen is announced and shows the QR code to continue on a phone.
  await page.evaluate(() => { location.hash = '#/group/g-qz-001'; });
  await waitFor(page, async () => (await liveStatus(page)).startsWith('拼团 · '), 'the group screen to be announced');
  // The QR code is last, below the group's facts, the action and the route's details: wheel down to it.
  await waitFor(page, async () => {
    if (await findItem(page, (i) => i.label === '扫码在手机上打开')) return true;
    await page.mouse.move(540, 960);
    await page.mouse.wheel(0, 300);
    return false;
  }, 'the QR code caption');
  assert.equal((await stats(page)).missingGlyphs, 0);
  await screenshot(page, 'kiosk-group-1080x1920');

  // The catalogue, by touch on the tab bar; then a search typed through the text agent.
  await click(page, '线路');
  await waitFor(page, async () => /^全部线路 · 找到 \d+ 条线路$/.test(await liveStatus(page)), 'the catalogue announced with its count');
  const everything = (await resultsLine(page)).label;
  const field = await waitFor(page, () => findItem(page, (i) => i.textField), 'the search field');
  await page.mouse.click(centre(field).x, centre(field).y);
  await waitFor(page, () => page.evaluate(() => document.activeElement?.id === 'lx-text-agent'), 'the text agent focused');
  await page.keyboard.insertText('jls');
  await waitFor(page, async () => (await resultsLine(page))?.label !== everything, 'the search to narrow the list');
  const narrowed = await liveStatus(page);
  assert.notEqual(narrowed, `全部线路 · ${everything}`, 'the new count is announced');

  // From here the page's clock is the test's (Playwright's clock: Date, performance.now,
  // timers and requestAnimationFrame): idle time passes when the test says, not on the wall,
  // so the frames counted below do not depend on how busy the machine is.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 500));  // a moment ahead: the page's clock runs on meanwhile
  // Idle before the countdown: not a single frame is drawn.
  await page.clock.runFor(700);
  const idleStart = (await stats(page)).frames;
  await page.clock.runFor(2000);
  const idleEnd = await stats(page);
  assert.equal(idleEnd.idleCountdown, 0, 'the measurement ended before the countdown began');
  assert.equal(idleEnd.frames - idleStart, 0, `frames drawn while idle before the countdown: ${idleEnd.frames - idleStart}`);
  await screenshot(page, 'kiosk-search-1080x1920');

  // The countdown: visible, announced, one frame a second.
  await page.clock.runFor(IDLE_SECONDS * 1000);
  await waitFor(page, () => findItem(page, (i) => i.label === '继续使用'), 'the countdown');
  assert.match(await liveAlert(page), /^即将返回首页 \d+$/);
  assert.ok((await stats(page)).idleCountdown > 0);
  const countdownStart = (await stats(page)).frames;
  await page.clock.runFor(3000);
  const perSecond = ((await stats(page)).frames - countdownStart) / 3;
  assert.ok(perSecond >= 0.6 && perSecond <= 2, `frames a second during the countdown: ${perSecond}`);
  await screenshot(page, 'kiosk-countdown-1080x1920');
  // The rest of the countdown, then the clock runs on its own again.
  await page.clock.runFor((10 + 1) * 1000);
  await page.clock.resume();

  // Then home, and nothing of the last person is left.
  await waitFor(page, () => page.evaluate(() => location.hash === '#/' || location.hash === ''), 'the home screen', 15000);
  await waitFor(page, async () => (await liveStatus(page)) === '首页', 'the home screen announced');
  assert.equal(await page.evaluate(() => localStorage.getItem('liaoxiu.session')), null);
  assert.equal(await findItem(page, (i) => i.label === '继续使用'), undefined, 'the countdown is gone');
  await screenshot(page, 'kiosk-home-after-reset-1080x1920');
  await click(page, '线路');
  await waitFor(page, async () => (await resultsLine(page))?.label === everything, 'the search box to be empty (every route found)');
  assert.deepEqual(errors, []);
  await context.close();
});

// A finger rests on the screen before it lifts, and frames are drawn in between (the app
// shows where the finger is before the tap). A mouse moves there first, a frame or more
// before it presses. Either way the press and release must land on 继续使用, not on the
// screen the countdown covers.
async function touchAndLift(page, cdp, { x, y }) {
  const before = (await stats(page)).frames;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await waitFor(page, async () => (await stats(page)).frames > before, 'a frame drawn with the finger down');
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}
async function moveThenClick(page, { x, y }) {
  let before = (await stats(page)).frames;
  await page.mouse.move(x, y);
  await waitFor(page, async () => (await stats(page)).frames > before, 'a frame drawn with the pointer over the button');
  before = (await stats(page)).frames;
  await page.mouse.down();
  await waitFor(page, async () => (await stats(page)).frames > before, 'a frame drawn with the button held');
  await page.mouse.up();
}

test('kiosk: a touch on 继续使用 keeps the screen and reaches nothing beneath', async () => {
  const { page, context, errors } = await openPage(chrome.browser, 'about:blank', viewports.kiosk);
  await page.clock.install();  // runs as the real clock does, but the test can move it on
  await page.goto(`${site.url}?kiosk=1#/routes`);
  await waitReady(page);
  await page.evaluate(() => { location.hash = '#/policies'; });  // something done, so the countdown will come
  await waitFor(page, async () => (await liveStatus(page)) === '全部政策', 'the policies screen');
  const cdp = await context.newCDPSession(page);

  for (const [how, tap] of [['a finger', (at) => touchAndLift(page, cdp, at)], ['a mouse', (at) => moveThenClick(page, at)]]) {
    // The idle time passes at once; then the clock runs on, so the countdown draws and takes input.
    await page.clock.runFor((IDLE_SECONDS + 1) * 1000);
    const shown = await waitFor(page, async () => {
      const all = await items(page);
      return all.some((i) => i.visible && i.label === '继续使用') ? all : null;
    }, `the countdown (before ${how})`);
    const keep = shown.find((i) => i.visible && i.label === '继续使用');
    const at = centre(keep);
    // Something a stray tap would open lies beneath the button: the test can tell.
    const beneath = shown.find((i) => i.visible && i.id !== 0 && i !== keep && i.label.length > 0 &&
      i.x <= at.x && at.x <= i.x + i.width && i.y <= at.y && at.y <= i.y + i.height);
    assert.ok(beneath, `an item of the policies screen under 继续使用 at ${JSON.stringify(at)}`);

    await tap(at);
    await waitFor(page, async () => !(await findItem(page, (i) => i.label === '继续使用')), `the countdown to go (${how})`);
    await settle(page);  // the release, and anything it would set off, has been drawn
    assert.equal(await page.evaluate(() => location.hash), '#/policies', `the tap by ${how} reached "${beneath.label}" beneath`);
    assert.equal((await stats(page)).idleCountdown, 0, `the session is kept after ${how}`);
    assert.equal(await liveStatus(page), '全部政策');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('?contrast=high on a phone: high contrast, not kiosk mode, screens announced', async () => {
  const { page, context, errors } = await openPage(chrome.browser, `${plainSite.url}?contrast=high#/routes`, viewports.phone);
  await waitReady(page);
  const figures = await stats(page);
  assert.equal(figures.highContrast, true);
  assert.equal(figures.kiosk, false);
  await waitFor(page, async () => /^全部线路 · 找到 \d+ 条线路$/.test(await liveStatus(page)), 'the catalogue announced');
  await page.evaluate(() => { location.hash = '#/policies'; });
  await waitFor(page, async () => (await liveStatus(page)) === '全部政策', 'the policies screen announced');
  await screenshot(page, 'high-contrast-phone');
  assert.equal((await stats(page)).missingGlyphs, 0);
  assert.deepEqual(errors, []);
  await context.close();
});
