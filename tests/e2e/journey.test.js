// The worker's journey from a shared link (issue 14): told outcomes in 我的 (every trip in
// every state, what changed marked 新, an offer first with one action), a cancelled group
// that looks over, and sign-in that returns to the group with the join offered again.
// Headless Chromium at phone size (390×844, DPR 3, touch) and kiosk size (1080×1920)
// against the real liaoxiu-server (fresh SQLite database, demo accounts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, openPage, waitReady, items, stats, screenshot, distDir, viewports, centre, waitFor } from './lib/browser.js';
import { shows, waitShown, findWidget, findItem, tap, fill, dismissNotices, liveAlert, signIn, scrollUntil } from './lib/canvas.js';
import { serveStatic } from './lib/static_server.js';
import { startServer, apiClient, demoPassword } from './lib/server.js';
import { dayFromToday, eveningFromToday } from './lib/dates.js';

const ROUTE = 'r-qz-red-eco-3d';        // 红色教育+生态康养·南孔衢州三日
const ROUTE_TITLE = '红色教育+生态康养·南孔衢州三日';
const ORGANIZER = 'u-qz-school2-union';

const IDLE_SECONDS = 5;
let server, api, chrome, organizerToken, kioskSite;

before(async () => {
  server = await startServer();
  // The app on its own, switched to kiosk mode by config.json with a short idle time.
  kioskSite = await serveStatic(distDir, {
    overrides: { 'config.json': JSON.stringify({ kiosk: { enabled: true, idle_seconds: IDLE_SECONDS } }) } });
  api = apiClient(server.origin);
  chrome = await launch();
  organizerToken = (await api.signIn(ORGANIZER)).token;
});
after(async () => {
  await chrome?.close();
  await server?.stop();
  await kioskSite?.close();
});



const device = (kind, query = '', hash = '') => openApp(chrome.browser, server.url + query + hash, viewports[kind]);
const phone = (hash = '') => device('phone', '', hash);

async function go(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
}

async function openGroup(departureDays, minSize, maxSize) {
  const answer = await api.call('POST', 'groups', { token: organizerToken, body: {
    route: ROUTE, departure: dayFromToday(departureDays), min_size: minSize, max_size: maxSize,
    join_deadline: eveningFromToday(departureDays - 10) } });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}

async function joinByApi(login, group) {
  const { token } = await api.signIn(login);
  const answer = await api.call('POST', `groups/${group}/join`, { token });
  assert.ok([200, 201].includes(answer.status), JSON.stringify(answer.body));
  return token;
}

const cardOf = async (page, departure) =>
  (await items(page)).find((i) => i.visible && i.id !== 0 && i.label === `${ROUTE_TITLE} · ${departure}`);
const lineOf = async (page, pattern) => (await items(page)).find((i) => i.visible && pattern.test(i.label));
const within = (inner, outer) => inner.x >= outer.x && inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;

// ---- A: told outcomes ------------------------------------------------------------------

test('a cancelled trip stays in 我的 with its reason, first and marked 新; each status is inside its card', async () => {
  const kept = await openGroup(300, 3, 10);
  const cancelled = await openGroup(310, 3, 10);
  const login = 'u-qz-juhua-02';
  await joinByApi(login, kept);
  await joinByApi(login, cancelled);

  const worker = await phone();
  await signIn(worker.page, login);
  await go(worker.page, '#/me');
  await waitShown(worker.page, /^您已报名 · /);
  // Both trips, each status inside its own card (not below it, where it reads as the next one's).
  for (const departure of [dayFromToday(300), dayFromToday(310)]) {
    const card = await cardOf(worker.page, departure);
    assert.ok(card, `a card for ${departure}`);
    const status = (await items(worker.page)).find((i) => i.visible && i.id === 0 && /^您已报名 · /.test(i.label) &&
                                                        i.y >= card.y && i.y < card.y + card.height);
    assert.ok(status && within(status, card), `the status of ${departure} is drawn inside its card`);
  }
  await screenshot(worker.page, 'journey-me-two-trips-phone');
  await go(worker.page, '#/');  // the visit ends: both were seen
  await waitShown(worker.page, /^精选线路$/);

  // The organizer cancels one; the worker comes back to the app.
  const answer = await api.call('POST', `groups/${cancelled}/cancel`, { token: organizerToken,
    body: { reason: '接待酒店临时停业' } });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  await worker.page.reload();
  await waitReady(worker.page);
  await go(worker.page, '#/me');
  await waitShown(worker.page, /^拼团已取消：接待酒店临时停业$/);
  assert.ok(!(await shows(worker.page, /^还没有报名的行程$/)));
  // The group's cancellation may show (from the catalogue) before the worker's own trips are
  // fetched again with the place's new time; the order follows that time.
  await waitFor(worker.page, async () => (await cardOf(worker.page, dayFromToday(310))).y <
                                          (await cardOf(worker.page, dayFromToday(300))).y,
                'the newest change comes first');
  const cancelledCard = await cardOf(worker.page, dayFromToday(310));
  const reason = await lineOf(worker.page, /^拼团已取消：接待酒店临时停业$/);
  assert.ok(within(reason, cancelledCard), 'the reason is inside the cancelled trip\'s card');
  const marks = (await items(worker.page)).filter((i) => i.visible && i.label === '新');
  assert.equal(marks.length, 1, 'only the change since the last visit is marked 新');
  assert.ok(within(marks[0], cancelledCard));
  await screenshot(worker.page, 'journey-me-cancelled-phone');

  // Seen once, it is no longer new on the next visit (remembered across a reload).
  await worker.page.reload();
  await waitReady(worker.page);
  await go(worker.page, '#/me');
  await waitShown(worker.page, /^拼团已取消：接待酒店临时停业$/);
  assert.ok(!(await shows(worker.page, /^新$/)), 'nothing new on the next visit');
  assert.deepEqual(worker.errors, []);
  await worker.context.close();
});

test('a place offered is shown first on opening the app, with its time left and one action to accept it', async () => {
  const group = await openGroup(320, 1, 1);
  const holderToken = await joinByApi('u-qz-power-02', group);
  await joinByApi('u-qz-power-03', group);  // waits, first in the queue

  const worker = await phone();
  await signIn(worker.page, 'u-qz-power-03');
  await go(worker.page, '#/me');
  await waitShown(worker.page, /^您在候补第1位$/);

  // The holder withdraws: the place is offered to the waiting worker, who opens the app.
  const answer = await api.call('POST', `groups/${group}/withdraw`, { token: holderToken });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  await worker.page.reload();
  await waitReady(worker.page);
  await go(worker.page, '#/');
  await waitShown(worker.page, /^有名额留给您$/);
  await waitShown(worker.page, /^为您保留了名额，还剩2[34]小时\d+分确认$/);
  const accept = await findWidget(worker.page, '接受名额');
  const featured = await lineOf(worker.page, /^精选线路$/);
  assert.ok(!featured || accept.y < featured.y, 'the offer comes before anything else on home');
  await screenshot(worker.page, 'journey-offer-first-phone');
  await tap(worker.page, '接受名额');
  await waitFor(worker.page, async () => {
    const detail = await api.call('GET', `groups/${group}`, { token: organizerToken });
    return detail.body.counts.confirmed === 1 && !(await shows(worker.page, /^有名额留给您$/));
  }, 'the offer to be accepted');
  await go(worker.page, '#/me');
  await waitShown(worker.page, /^您已报名 · /);
  assert.deepEqual(worker.errors, []);
  await worker.context.close();
});

test('我的 on a kiosk: every trip with its state inside its card', async () => {
  const group = await openGroup(330, 3, 10);
  await joinByApi('u-qz-sanitation-02', group);
  const kiosk = await device('kiosk', '?kiosk=1');
  await signIn(kiosk.page, 'u-qz-sanitation-02');
  await go(kiosk.page, '#/me');
  await waitShown(kiosk.page, /^您已报名 · /);
  const card = await cardOf(kiosk.page, dayFromToday(330));
  const status = await lineOf(kiosk.page, /^您已报名 · /);
  assert.ok(card && within(status, card));
  await screenshot(kiosk.page, 'journey-me-kiosk');
  // Nothing of it is kept on the kiosk.
  assert.equal(await kiosk.page.evaluate(() => localStorage.getItem('liaoxiu.trips_seen')), null);
  await kiosk.context.close();
});

// ---- B: a cancelled group looks over -----------------------------------------------------

test('a cancelled group shows its state and reason: no countdown, no 还差N人, no share, no QR code', async () => {
  const group = await openGroup(340, 3, 10);
  const answer = await api.call('POST', `groups/${group}/cancel`, { token: organizerToken,
    body: { reason: '报名人数不足' } });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  for (const kind of ['phone', 'kiosk']) {
    const visitor = await device(kind, kind === 'kiosk' ? '?kiosk=1' : '', `#/group/${group}`);
    await waitShown(visitor.page, /^已取消：报名人数不足$/);
    assert.ok(!(await shows(visitor.page, /^报名截止还剩/)), 'no countdown');
    assert.ok(!(await shows(visitor.page, /^还差\d+人成团$/)), 'no 还差N人');
    assert.ok(!(await shows(visitor.page, /^(分享|扫码在手机上打开|登录后报名|一键报名)$/)), 'no share, QR code or join');
    await screenshot(visitor.page, `journey-cancelled-group-${kind}`);
    await visitor.context.close();
  }
});

// ---- C: sign in and back ----------------------------------------------------------------

test('登录后报名 on a group opened from a link: sign in, back on the group, the join offered at once', async () => {
  const group = await openGroup(350, 3, 10);
  const visitor = await phone(`#/group/${group}`);
  await tap(visitor.page, '登录后报名');
  await waitFor(visitor.page, () => visitor.page.evaluate(() => location.hash === '#/signin'), 'the sign-in form');
  await fill(visitor.page, '工号或账号', 'u-qz-community-01');
  await fill(visitor.page, '密码', demoPassword);
  await tap(visitor.page, '登录', (i) => i.width > 200);
  await waitFor(visitor.page, () => visitor.page.evaluate((g) => location.hash === `#/group/${g}`, group),
                'back on the group after signing in');
  await waitShown(visitor.page, new RegExp(`^确认报名「${ROUTE_TITLE.replace('+', '\\+')}」`));
  await screenshot(visitor.page, 'journey-signed-in-join-offered-phone');
  await tap(visitor.page, '确认');
  await waitShown(visitor.page, /^报名成功，已确认名额$/);
  const detail = await api.call('GET', `groups/${group}`, { token: organizerToken });
  assert.equal(detail.body.counts.confirmed, 1);
  assert.deepEqual(visitor.errors, []);
  await visitor.context.close();
});

// ---- D: English kept, <html lang>, plural forms ------------------------------------------

test('English is kept across a reload with <html lang> in step, and a count of one reads "1 group trip"', async () => {
  const visitor = await phone('#/routes');
  assert.equal(await visitor.page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await tap(visitor.page, 'English');
  await waitShown(visitor.page, /^\d+ routes? found$/);
  await waitFor(visitor.page, () => visitor.page.evaluate(() => document.documentElement.lang === 'en'), '<html lang="en">');
  await visitor.page.reload();
  await waitReady(visitor.page);
  await waitShown(visitor.page, /^\d+ routes? found$/);
  assert.equal(await visitor.page.evaluate(() => document.documentElement.lang), 'en');
  // Home's featured routes, each with its count of open groups (two or more: tests/ui/test_journey.cpp).
  await go(visitor.page, '#/');
  await waitShown(visitor.page, /^Featured routes$/);
  const labels = (await items(visitor.page)).map((i) => i.label);
  assert.ok(labels.some((l) => /(^|\D)1 group trip to join$/.test(l)), 'a route with one open group says "1 group trip"');
  assert.ok(!labels.some((l) => /(^|\D)1 (group trips|routes|places|days|members)\b/.test(l)), 'no "1 …s" anywhere');
  await screenshot(visitor.page, 'journey-english-after-reload-phone');
  // Back to Chinese, and that is kept too.
  await tap(visitor.page, '中文');
  await waitFor(visitor.page, () => visitor.page.evaluate(() => document.documentElement.lang === 'zh-CN'), '<html lang="zh-CN">');
  await visitor.page.reload();
  await waitReady(visitor.page);
  await waitShown(visitor.page, /^精选线路$/);
  assert.deepEqual(visitor.errors, []);
  await visitor.context.close();
});

test('a Henan worker finds the Henan alliance first on home and in the catalogue; signed out, the choice stays on the phone', async () => {
  const worker = await phone();
  await signIn(worker.page, 'u-zz-metro-01');
  await go(worker.page, '#/');
  await waitShown(worker.page, /^河南省工会系统疗休养机构联盟$/);
  await findWidget(worker.page, '切换到：浙江·衢州');
  await screenshot(worker.page, 'journey-alliance-first-phone');
  // The catalogue: the first route card is one of Henan's; 浙江·衢州 tapped, one of Quzhou's.
  const catalogue = (await api.call('GET', 'catalogue')).body;
  const allianceOf = new Map(catalogue.routes.map((r) => [r.title, r.alliance]));
  const firstCard = async () => (await items(worker.page)).find((i) => i.visible && i.id !== 0 && allianceOf.has(i.label));
  await go(worker.page, '#/routes');
  await waitFor(worker.page, async () => allianceOf.get((await firstCard())?.label) === 'a-henan', 'a Henan route first');
  await tap(worker.page, '浙江·衢州');
  await waitFor(worker.page, async () => allianceOf.get((await firstCard())?.label) === 'a-quzhou', 'a Quzhou route first');
  await screenshot(worker.page, 'journey-alliance-switched-phone');

  // Signed out on another phone: the catalogue's first alliance, until one is chosen; a reload keeps that.
  // (Which alliance leads a stranger's phone depends on the catalogue's order: choose the other one, then Henan.)
  const visitor = await phone('#/routes');
  await tap(visitor.page, '浙江·衢州');
  await waitFor(visitor.page, () => visitor.page.evaluate(() => localStorage.getItem('liaoxiu.alliance') === 'a-quzhou'),
                'the first choice kept on the phone');
  await tap(visitor.page, '河南');
  await waitFor(visitor.page, () => visitor.page.evaluate(() => localStorage.getItem('liaoxiu.alliance') === 'a-henan'),
                'the choice kept on the phone');
  await visitor.page.reload();
  await waitReady(visitor.page);
  await go(visitor.page, '#/');
  await waitShown(visitor.page, /^河南省工会系统疗休养机构联盟$/);
  assert.deepEqual([...worker.errors, ...visitor.errors], []);
  await worker.context.close();
  await visitor.context.close();
});

test('a route on a phone says what its price includes, with call, copy and map on its stops; a kiosk only lists them', async () => {
  const worker = await phone('#/route/r-qz-red-eco-3d');
  await waitShown(worker.page, /^费用包含：住宿\d+晚 · /);
  // A member's own price list reads "49座旅游大巴  ¥1,660/车/天" (name, two spaces, price): none on the route.
  assert.ok(!(await shows(worker.page, /\S  ¥[\d,.]+\//)), 'no member price list on the worker\'s route');
  // On a phone 地图 wraps to the row below 拨打 and 复制地址.
  await scrollUntil(worker.page, '地图');
  await findWidget(worker.page, '复制地址');
  assert.ok(await findItem(worker.page, (i) => i.id !== 0 && /^拨打 [\d-]+$/.test(i.label)), 'a call button with the number');
  await screenshot(worker.page, 'journey-route-contacts-phone');
  const kiosk = await device('kiosk', '?kiosk=1', '#/route/r-qz-red-eco-3d');
  await waitShown(kiosk.page, /^费用包含：/);
  assert.ok(!(await findItem(kiosk.page, (i) => i.id !== 0 && /^(拨打 |地图$)/.test(i.label))), 'no dialler or map on a kiosk');
  assert.deepEqual([...worker.errors, ...kiosk.errors], []);
  await worker.context.close();
  await kiosk.context.close();
});

test('a kiosk keeps no language: the next page load starts in Chinese', async () => {
  const kiosk = await device('kiosk', '?kiosk=1', '#/routes');
  await tap(kiosk.page, 'English');
  await waitShown(kiosk.page, /^\d+ routes? found$/);
  await waitFor(kiosk.page, () => kiosk.page.evaluate(() => document.documentElement.lang === 'en'), '<html lang="en">');
  assert.equal(await kiosk.page.evaluate(() => localStorage.getItem('liaoxiu.language')), null);
  await kiosk.page.reload();
  await waitReady(kiosk.page);
  await waitShown(kiosk.page, /^找到 \d+ 条线路$/);
  assert.equal(await kiosk.page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await kiosk.context.close();
});

// ---- E: the kiosk's links and its reset --------------------------------------------------

test('a kiosk shares links without ?kiosk=1; its reset leaves no history and empty live regions', async () => {
  const { page, context, errors } = await openPage(chrome.browser, 'about:blank', viewports.kiosk);
  await page.addInitScript(() => {
    // The share sheet, as a phone's would take the link.
    navigator.share = (data) => { window.sharedLinks = (window.sharedLinks || []).concat(data.url); return Promise.resolve(); };
  });
  await page.clock.install();
  await page.goto(`${kioskSite.url}?kiosk=1#/group/g-qz-001`);
  await waitReady(page);
  assert.equal((await stats(page)).kiosk, true);
  await tap(page, '分享');
  const shared = await waitFor(page, () => page.evaluate(() => window.sharedLinks?.[0]), 'the link shared');
  assert.equal(shared, `${kioskSite.url}#/group/g-qz-001`, `shared: ${shared}`);
  assert.ok(!/kiosk/.test(shared), `no kiosk parameter in ${shared}`);

  // Someone walks through a few screens, then leaves; the countdown runs out.
  for (const [i, tab] of ['线路', '成员单位', '我的'].entries()) {
    await tap(page, tab);
    await waitFor(page, () => page.evaluate((n) => history.state?.lxIndex === n, i + 1), `a history entry for ${tab}`);
  }
  const depth = await page.evaluate(() => history.state.lxIndex);
  assert.ok(depth >= 3, `entries added: ${depth}`);
  await page.clock.runFor((IDLE_SECONDS + 1) * 1000);
  await waitFor(page, () => findItem(page, (i) => i.label === '继续使用'), 'the countdown');
  assert.match(await liveAlert(page), /^即将返回首页 \d+$/);
  await page.clock.runFor(11 * 1000);
  await page.clock.resume();
  await waitFor(page, () => page.evaluate(() => history.state?.lxIndex === 0 && location.hash === '#/'),
                'back at the clean first entry, at home', 15000);
  assert.equal(await liveAlert(page), '', 'the alert region no longer says 即将返回首页');
  await screenshot(page, 'journey-kiosk-after-reset');
  // The back button has nothing of the last person to show: this is the page's first entry.
  assert.equal(await page.evaluate(() => history.state.lxIndex), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

// ---- F: notices --------------------------------------------------------------------------

test('notices: a success goes by itself, an error stays until dismissed, neither covers the tab bar or the action', async () => {
  const group = await openGroup(360, 3, 10);
  const worker = await phone();
  // A wrong password: the error stays.
  await go(worker.page, '#/signin');
  await fill(worker.page, '工号或账号', 'u-qz-community-02');
  await fill(worker.page, '密码', 'not-the-password');
  await tap(worker.page, '登录', (i) => i.width > 200);
  await waitShown(worker.page, /^登录失败：/);
  await new Promise((resolve) => setTimeout(resolve, 8000));
  assert.ok(await shows(worker.page, /^登录失败：/), 'the error is still there after 8 s');
  // The right one: the welcome replaces the stale refusal, and then goes by itself.
  await fill(worker.page, '密码', demoPassword);
  await tap(worker.page, '登录', (i) => i.width > 200);
  await waitShown(worker.page, /^登录成功，欢迎/);
  assert.ok(!(await shows(worker.page, /^登录失败：/)), 'the refusal is stale once signed in');
  await waitFor(worker.page, async () => !(await shows(worker.page, /^登录成功，欢迎/)), 'the welcome to go by itself', 20000);
  await dismissNotices(worker.page);

  // On a group, with a notice showing, the action and the tab bar stay uncovered.
  await go(worker.page, `#/group/${group}`);
  await tap(worker.page, '一键报名');
  await tap(worker.page, '确认');
  const all = await waitFor(worker.page, async () => {
    const now = await items(worker.page);
    return now.some((i) => i.visible && i.label === '报名成功，已确认名额') ? now : null;
  }, 'the notice 报名成功');
  const notice = all.find((i) => i.visible && i.label === '报名成功，已确认名额');
  const tabs = all.filter((i) => i.visible && ['首页', '线路', '成员单位', '我的'].includes(i.label) && i.id !== 0);
  assert.ok(tabs.length >= 4);
  // A tap in the middle of anything else to press lands on it, not on the notice.
  const ok = all.find((i) => i.visible && i.label === '知道了');
  for (const tab of tabs) {
    assert.ok(notice.y + notice.height <= tab.y, `the notice is above the tab ${tab.label}`);
    assert.ok(ok.y + ok.height + 8 <= tab.y, `知道了 and the notice's edge are above the tab ${tab.label}`);
  }
  const top = Math.min(notice.y, ok.y) - 8, bottom = Math.max(notice.y + notice.height, ok.y + ok.height) + 8;
  const covered = all.filter((i) => i.visible && i.id !== 0 && i !== ok && !tabs.includes(i) &&
    centre(i).y > top && centre(i).y < bottom);
  assert.deepEqual(covered.map((i) => i.label), [], 'nothing to press lies under the notice');
  await screenshot(worker.page, 'journey-notice-over-nothing-phone');
  assert.deepEqual(worker.errors, []);
  await worker.context.close();
});

test('notices on a kiosk: 知道了 whole, the welcome gone with its screen, no notice under the action', async () => {
  const { page, context, errors } = await openPage(chrome.browser, `${server.url}?kiosk=1#/signin`, viewports.kiosk);
  await waitReady(page);
  // (A field typed into on a kiosk sometimes misses its first keystrokes: the form then says
  // 请填写账号和密码 and the test types again.)
  for (let attempt = 0; attempt < 3 && !(await shows(page, /^登录失败：/)); ++attempt) {
    await fill(page, '工号或账号', 'u-qz-community-03');
    await fill(page, '密码', 'not-the-password');
    await tap(page, '登录', (i) => i.width > 200);
    await waitFor(page, async () => (await shows(page, /^(登录失败：|请填写账号和密码$)/)), 'an answer to the sign-in');
  }
  await waitShown(page, /^登录失败：/);
  const ok = await findWidget(page, '知道了');
  const textWidth = await page.evaluate(() => {
    const c = document.createElement('canvas').getContext('2d');
    c.font = '26px sans-serif';
    return c.measureText('知道了').width;
  });
  assert.ok(ok.width >= textWidth + 16, `知道了 is ${ok.width} px wide for ${textWidth} px of text`);
  await screenshot(page, 'journey-notice-kiosk');
  await dismissNotices(page);
  assert.ok(!(await shows(page, /^登录失败：/)), '知道了 dismisses it');
  await fill(page, '工号或账号', 'u-qz-community-03');
  await fill(page, '密码', demoPassword);
  await tap(page, '登录', (i) => i.width > 200);
  await waitShown(page, /^登录成功，欢迎/);
  await tap(page, '首页');
  await waitFor(page, async () => !(await shows(page, /^登录成功，欢迎/)), 'the welcome to go with its screen', 3000);
  assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), [], 'nothing but the refused password');
  await context.close();
});
