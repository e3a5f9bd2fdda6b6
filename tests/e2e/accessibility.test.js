// The accessibility tree (issue 14, item 11): what the canvas draws is mirrored as HTML
// elements a screen reader and the keyboard can use (src/platform/web/semantics.*). These
// tests use only that tree — Playwright's getByRole, as assistive technology sees the page —
// and only the keyboard: a worker opens a group from a link, signs in and joins it; Tab
// lands on the app's own controls with a visible focus ring; a chip says whether it is
// selected; an item out of view comes into view when it takes focus.
// Headless Chromium against the real liaoxiu-server (fresh SQLite database, demo accounts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, screenshot, viewports, waitFor } from './lib/browser.js';
import { startServer, apiClient, demoPassword } from './lib/server.js';
import { dayFromToday, eveningFromToday } from './lib/dates.js';

const ROUTE = 'r-qz-red-eco-3d';
const ORGANIZER = 'u-qz-school2-union';

let server, api, chrome, organizerToken;

before(async () => {
  server = await startServer();
  api = apiClient(server.origin);
  chrome = await launch();
  organizerToken = (await api.signIn(ORGANIZER)).token;
});
after(async () => {
  await chrome?.close();
  await server?.stop();
});

const tree = (page) => page.locator('#lx-semantics');

// Presses Enter on the tree's element of that role and name (the first, or the widest when
// several share the name: a form's button rather than a tab of the same word).
async function pressEnter(page, role, name) {
  const matches = tree(page).getByRole(role, { name, exact: true });
  await waitFor(page, async () => (await matches.count()) > 0, `a ${role} named "${name}" in the tree`);
  let chosen = matches.first();
  const count = await matches.count();
  if (count > 1) {
    let widest = -1;
    for (let i = 0; i < count; i++) {
      const width = Number(await matches.nth(i).getAttribute('data-w'));
      if (width > widest) { widest = width; chosen = matches.nth(i); }
    }
  }
  await chosen.press('Enter');
}

// Types into the text field of that name: Enter on its tree element starts editing (the text
// agent takes focus, named after the field), then the keys go in.
async function typeInto(page, name, text) {
  await pressEnter(page, 'textbox', name);
  await waitFor(page, () => page.evaluate((n) => {
    const agent = document.activeElement;
    return agent && agent.id === 'lx-text-agent' && agent.getAttribute('aria-label') === n &&
           !agent.hasAttribute('aria-hidden');
  }, name), `the "${name}" field to be edited`);
  await page.keyboard.type(text);
}

test('a worker joins a group from a link using only the accessibility tree and the keyboard', async () => {
  const answer = await api.call('POST', 'groups', { token: organizerToken, body: {
    route: ROUTE, departure: dayFromToday(360), min_size: 2, max_size: 10,
    join_deadline: eveningFromToday(350) } });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  const group = answer.body.id;
  const worker = await openApp(chrome.browser, `${server.url}#/group/${group}`, viewports.phone);
  const page = worker.page;

  await pressEnter(page, 'button', '登录后报名');
  await waitFor(page, () => page.evaluate(() => location.hash === '#/signin'), 'the sign-in form');
  await typeInto(page, '工号或账号', 'u-qz-community-01');
  await typeInto(page, '密码', demoPassword);
  await pressEnter(page, 'button', '登录');
  await waitFor(page, () => page.evaluate((g) => location.hash === `#/group/${g}`, group), 'back on the group');
  // The confirmation is a dialog, named by its title: what lies under it is not offered.
  await waitFor(page, async () => (await tree(page).getByText(/^确认报名「/).count()) > 0, 'the confirmation');
  assert.equal(await page.getByRole('dialog', { name: '确认报名' }).count(), 1, 'a dialog named 确认报名');
  assert.equal(await tree(page).getByRole('button', { name: '登录后报名', exact: true }).count(), 0);
  await screenshot(page, 'a11y-confirm-phone');
  await pressEnter(page, 'button', '确认');
  await waitFor(page, async () => (await tree(page).getByText('报名成功，已确认名额').count()) > 0,
                'the outcome, told in the tree');
  const detail = await api.call('GET', `groups/${group}`, { token: organizerToken });
  assert.equal(detail.body.counts.confirmed, 1);
  assert.equal(await page.getByRole('dialog').count(), 0, 'the dialog is gone');

  // A dialog opened from the keyboard takes the focus, and gives it back when it closes.
  await pressEnter(page, 'button', '退出拼团');
  await waitFor(page, async () => (await page.getByRole('dialog', { name: '确认退出' }).count()) === 1, 'the withdrawal dialog');
  await waitFor(page, () => page.evaluate(() => document.activeElement?.closest('#lx-semantics') !== null &&
                                                document.activeElement.tagName === 'BUTTON'), 'focus inside the dialog');
  await pressEnter(page, 'button', '取消');
  await waitFor(page, async () => (await page.getByRole('dialog').count()) === 0, 'the dialog closed');
  await waitFor(page, () => page.evaluate(() => document.activeElement?.textContent === '退出拼团'),
                'focus back on 退出拼团');
  assert.equal((await api.call('GET', `groups/${group}`, { token: organizerToken })).body.counts.confirmed, 1,
               'cancelled: still on the trip');
  assert.deepEqual(worker.errors, []);
  await worker.context.close();
});

test('Tab lands on the app’s controls in reading order, with a visible focus ring; never on the hidden text agent', async () => {
  const visitor = await openApp(chrome.browser, `${server.url}#/routes`, viewports.office);
  const page = visitor.page;
  const focused = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    focused.push(await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { inTree: !!el.closest('#lx-semantics'), id: el.id, name: el.textContent || el.getAttribute('aria-label'),
               y: Number(el.dataset.y), outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
    }));
  }
  for (const f of focused) {
    assert.ok(f.inTree, `focus left the tree: ${JSON.stringify(f)}`);
    assert.notEqual(f.id, 'lx-text-agent');
    assert.ok(f.name && f.name.trim().length > 0, 'every focused control has a name');
    assert.equal(f.outline, 'solid', 'the focus ring shows');
    assert.ok(f.outlineWidth >= 2);
  }
  await screenshot(page, 'a11y-focus-office');
  // The tab bar's tab of the screen on view says so.
  const current = await page.evaluate(() => [...document.querySelectorAll('#lx-semantics [aria-current="page"]')]
    .map((el) => el.textContent));
  assert.deepEqual(current, ['线路']);
  await visitor.context.close();
});

test('a worker who needs larger text zooms with two fingers; a kiosk stays at its scale; no pinch presses anything', async () => {
  for (const [kiosk, expectZoom] of [[false, true], [true, false]]) {
    const visitor = await openApp(chrome.browser, `${server.url}${kiosk ? '?kiosk=1' : ''}#/routes`, viewports.phone);
    const page = visitor.page;
    const cdp = await page.context().newCDPSession(page);
    // Two fingers spreading apart, through Chromium's input pipeline: the page's touch events
    // and the browser's own pinch zoom, as on a phone.
    const fingers = (d) => [{ x: 195 - d, y: 420, id: 1 }, { x: 195 + d, y: 420, id: 2 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
    for (let d = 25; d <= 150; d += 5) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(d) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(500);
    const scale = await page.evaluate(() => window.visualViewport.scale);
    if (expectZoom) assert.ok(scale > 1.5, `zoomed in: scale ${scale}`);
    else assert.equal(scale, 1, 'a kiosk never zooms');
    assert.equal(await page.evaluate(() => location.hash), '#/routes', 'the pinch pressed nothing');
    await screenshot(page, kiosk ? 'a11y-pinch-kiosk' : 'a11y-pinch-zoom-phone');
    await visitor.context.close();
  }
});

test('a chip says whether it is selected, and Enter toggles it', async () => {
  const visitor = await openApp(chrome.browser, `${server.url}#/routes`, viewports.phone);
  const page = visitor.page;
  const chips = tree(page).locator('button[aria-pressed="false"]');
  await waitFor(page, async () => (await chips.count()) > 0, 'an unselected chip');
  const name = await chips.first().textContent();
  await chips.first().press('Enter');
  const same = tree(page).getByRole('button', { name, exact: true });
  await waitFor(page, async () => (await same.getAttribute('aria-pressed')) === 'true', `"${name}" selected`);
  await visitor.context.close();
});

test('an item out of view comes into view when it takes focus', async () => {
  // A route's page: its stops' 拨打 / 复制地址 / 地图 run far below a phone's first screen.
  const visitor = await openApp(chrome.browser, `${server.url}#/route/${ROUTE}`, viewports.phone);
  const page = visitor.page;
  const below = tree(page).locator('button[data-hidden="1"]');
  await waitFor(page, async () => (await below.count()) > 0, 'a control below the fold');
  const target = below.last();
  const id = await target.getAttribute('data-id');
  const name = await target.textContent();
  await target.focus();
  const element = tree(page).locator(`[data-id="${id}"]`);
  await waitFor(page, async () => (await element.getAttribute('data-hidden')) === '0', `"${name}" scrolled into view`);
  const box = await element.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 844, `in the viewport: ${JSON.stringify(box)}`);
  await screenshot(page, 'a11y-scrolled-into-view-phone');
  await visitor.context.close();
});
