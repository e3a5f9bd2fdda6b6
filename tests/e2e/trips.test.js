// Group trips end to end: the app in headless Chromium at phone size against the real
// liaoxiu-server (dist/ and the API on one origin, fresh SQLite database, demo accounts).
// Every phone is its own browser context (its own localStorage and service worker).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitReady, items, stats, screenshot, viewports, centre, waitFor, settle } from './lib/browser.js';
import { visibleLabels, shows, waitShown, findWidget, tap, fill, dismissNotices, framesAfter, signIn, scrollUntil } from './lib/canvas.js';
import { startServer, apiClient } from './lib/server.js';
import { precachedAssets } from './lib/dist_files.js';
import { dayFromToday, eveningFromToday, endOfChinaDay } from './lib/dates.js';

const phone = (hash = '') => openApp(chrome.browser, server.url + hash);

const ROUTE = 'r-qz-red-eco-3d';  // a bookable demo route of the Quzhou alliance
const ORGANIZER = 'u-qz-school2-union';

let server, api, chrome, organizerToken, secretariatToken;

before(async () => {
  server = await startServer();
  api = apiClient(server.origin);
  chrome = await launch();
  organizerToken = (await api.signIn(ORGANIZER)).token;
  secretariatToken = (await api.signIn('admin')).token;
});
after(async () => {
  await chrome?.close();
  await server?.stop();
});

// Drags the screen up by touch until a widget labelled `label` is inside the visible area
// (items scrolled out of view are not submitted at all).
async function scrollTo(page, label) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x: 200, y }] });
  for (let i = 0; i < 8; ++i) {
    const found = (await items(page)).find((item) => item.visible && item.id !== 0 && item.label === label);
    if (found && found.y + found.height < 740) break;  // clear of the tab bar and notices
    const before = (await stats(page)).frames;
    await touch('touchStart', 600);
    for (let y = 580; y >= 300; y -= 40) await touch('touchMove', y);
    await touch('touchEnd', 300);
    await framesAfter(page, before);
    await settle(page);  // the glide has come to rest
  }
  await cdp.detach();
}



// Opens the group's deep link in this (signed-in) phone, joins through the confirmation.
async function joinInApp(page, groupId, expectedButton) {
  await page.evaluate((hash) => { location.hash = hash; }, `#/group/${groupId}`);
  await tap(page, expectedButton);
  await tap(page, '确认');
}

// The group with every place's worker, as the secretariat sees it (the organizing union sees
// only its own unit's workers' ids).
async function groupDetail(id) {
  const answer = await api.call('GET', `groups/${id}`, { token: secretariatToken });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

async function openGroupByApi(departure, deadline, minSize, maxSize) {
  const answer = await api.call('POST', 'groups', { token: organizerToken, body: {
    route: ROUTE, departure, min_size: minSize, max_size: maxSize, join_deadline: deadline } });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}

// ---- 1. open, join across units, form, wait, promote --------------------------------

test('an organizer opens a group in the app; workers of two other units join it from its link and it forms; ' +
     'a fourth worker waits and is promoted when a place is freed', async () => {
  const departure = dayFromToday(283);
  const deadlineDay = dayFromToday(269);

  // The organizer (unit A: 衢州市第二中学) opens the group through the app's form.
  const organizer = await phone();
  await signIn(organizer.page, ORGANIZER);
  await organizer.page.evaluate((hash) => { location.hash = hash; }, `#/open/${ROUTE}`);
  await fill(organizer.page, '出发日期（如 2027-04-10）', departure);
  await fill(organizer.page, '最少人数', '2');
  await fill(organizer.page, '最多人数', '2');
  await fill(organizer.page, '报名截止日期（当日 24 点截止）', deadlineDay);
  await fill(organizer.page, '每单位名额上限（0 表示不限）', '0');
  await dismissNotices(organizer.page);
  await screenshot(organizer.page, 'trips-organizer-form-phone');
  await scrollUntil(organizer.page, '确认发起拼团');  // below 报名范围 on a phone
  await tap(organizer.page, '确认发起拼团');
  // Once the endpoint took it the app lands on the new group, ready to share, told once.
  await waitFor(organizer.page, () => organizer.page.evaluate(() => location.hash.startsWith('#/group/')),
                'the app to land on the new group after submitting');
  await waitShown(organizer.page, /^拼团已发起，可以分享给职工了$/);
  assert.ok(!(await shows(organizer.page, /申请已提交/)), 'no second notice saying it was only submitted');

  // The new group, as the endpoint has it: exactly what the form said.
  const created = await waitFor(organizer.page, async () => {
    const list = await api.call('GET', `groups?route=${ROUTE}`, { token: organizerToken });
    return list.body.groups.find((g) => g.departure === departure);
  }, 'the new group to reach the endpoint');
  assert.equal(created.organizer_unit, 'u-qz-school2');
  assert.equal(created.min_size, 2);
  assert.equal(created.max_size, 2);
  assert.equal(created.state, 'open');
  assert.equal(created.join_deadline, endOfChinaDay(deadlineDay), 'joining closes at the end of the day, China time');
  const groupId = created.id;
  assert.equal(await organizer.page.evaluate(() => location.hash), `#/group/${groupId}`);
  await organizer.context.close();

  // Workers of units B and C, each on their own phone, join from the group's link.
  const workerB = await phone();
  await signIn(workerB.page, 'u-qz-juhua-01');
  await joinInApp(workerB.page, groupId, '一键报名');
  await waitShown(workerB.page, /^报名成功，已确认名额$/);
  await waitShown(workerB.page, /^还差1人成团$/);

  const workerC = await phone();
  await signIn(workerC.page, 'u-qz-power-01');
  await joinInApp(workerC.page, groupId, '一键报名');
  await waitShown(workerC.page, /^报名成功，已确认名额$/);
  await waitShown(workerC.page, /^已成团$/);
  assert.ok(!(await shows(workerC.page, /还差\d+人成团/)), '还差N人成团 is gone once the group has formed');
  await dismissNotices(workerC.page);
  await screenshot(workerC.page, 'trips-group-formed-phone');
  await workerC.context.close();

  let detail = await groupDetail(groupId);
  assert.equal(detail.counts.confirmed, 2);
  assert.equal(detail.counts.places_to_form, 0);
  assert.equal(detail.counts.places_left, 0);
  assert.ok(detail.counts.units.includes('u-qz-juhua') && detail.counts.units.includes('u-qz-power'));
  assert.ok(['formed', 'full'].includes(detail.state), `state ${detail.state}`);

  // A fourth worker (unit D) finds the group full: the button offers the waiting list.
  const workerD = await phone();
  await signIn(workerD.page, 'u-qz-hospital-01');
  await joinInApp(workerD.page, groupId, '加入候补');
  await waitShown(workerD.page, /^已满员，已为您加入候补第1位$/);
  await waitShown(workerD.page, /^您在候补第1位$/);
  await screenshot(workerD.page, 'trips-waitlisted-phone');
  const workerDId = (await api.signIn('u-qz-hospital-01')).account.id;
  detail = await groupDetail(groupId);
  assert.equal(detail.counts.waitlisted, 1);
  assert.equal(detail.places.find((p) => p.worker === workerDId).state, 'waitlisted');

  // Worker B withdraws in the app; the freed place is offered to D.
  await dismissNotices(workerB.page);
  await tap(workerB.page, '退出拼团');
  await tap(workerB.page, '确认');
  await waitShown(workerB.page, /^已退出该团，名额已释放$/);
  await workerB.context.close();
  detail = await groupDetail(groupId);
  const placeOfD = detail.places.find((p) => p.worker === workerDId);
  assert.equal(placeOfD.state, 'offered', 'the first waiting worker is offered the freed place');
  assert.ok(placeOfD.offer_expires, 'the offer has an expiry');

  // D opens the app again, sees the offer and accepts it.
  await workerD.page.reload();
  await waitReady(workerD.page);
  await waitShown(workerD.page, /^有空出的名额留给您，请尽快确认$/);
  await dismissNotices(workerD.page);
  await screenshot(workerD.page, 'trips-offered-phone');
  await tap(workerD.page, '接受名额');
  await waitShown(workerD.page, /^已接受名额，报名成功$/);
  detail = await groupDetail(groupId);
  assert.equal(detail.places.find((p) => p.worker === workerDId).state, 'confirmed');
  assert.equal(detail.counts.confirmed, 2);
  assert.deepEqual(workerD.errors, []);
  await workerD.context.close();
});

// ---- 2. a join made offline is kept and sent once -------------------------------------

// Waits until the service worker controls the page and has precached the app, so a reload
// works with the server gone.
async function offlineReady(page) {
  const wanted = [...precachedAssets(), 'index.html', 'config.json'];
  await waitFor(page, () => page.evaluate(async (names) => {
    if (!navigator.serviceWorker.controller) return false;
    const keys = (await caches.keys()).filter((key) => key.startsWith('liaoxiu '));
    if (keys.length !== 1) return false;
    const urls = (await (await caches.open(keys[0])).keys()).map((request) => request.url);
    return names.every((name) => urls.some((url) => url.endsWith('/' + name)));
  }, wanted), 'the service worker to precache the app', 30000);
}

test('a join made while the endpoint is down is queued, survives a reload and is delivered exactly once', async () => {
  const departure = dayFromToday(318);
  const groupId = await openGroupByApi(departure, eveningFromToday(308), 2, 10);
  const worker = await phone();
  await signIn(worker.page, 'u-qz-sanitation-01');
  await offlineReady(worker.page);
  await worker.page.evaluate((hash) => { location.hash = hash; }, `#/group/${groupId}`);
  await findWidget(worker.page, '一键报名');

  // The endpoint goes away (dist/ with it: the service worker serves the app).
  const { port, dbDir } = server;
  await server.stop();
  await tap(worker.page, '一键报名');
  await tap(worker.page, '确认');
  await waitShown(worker.page, /^网络不可用，已保存，联网后自动提交$/);
  assert.ok(!(await shows(worker.page, /^(一键报名|加入候补)$/)), 'no second join is offered while one is pending');
  await screenshot(worker.page, 'trips-offline-join-saved-phone');

  await worker.page.evaluate(() => { location.hash = '#/me'; });
  await waitShown(worker.page, new RegExp(`^报名 · 红色教育\\+生态康养·南孔衢州三日 · ${departure} — 待发送$`));

  // The synced catalogue (written in pieces, decoded whole in JavaScript) is in localStorage.
  const cached = await worker.page.evaluate(() => JSON.parse(localStorage.getItem('liaoxiu.catalogue')));
  assert.equal(cached.from_endpoint, true);
  assert.ok(cached.catalogue.groups.some((group) => group.id === groupId), 'the group opened elsewhere is cached');
  assert.ok(cached.catalogue.routes.some((route) => /[衢婺]/.test(route.title)), 'Chinese text survives the pieces');

  // Reloaded with no server: the session, the outbox and the catalogue come back from localStorage.
  await worker.page.reload();
  await waitReady(worker.page);
  await waitShown(worker.page, /^已登录：/);
  await waitShown(worker.page, /^报名 · .* — 待发送$/);
  await screenshot(worker.page, 'trips-offline-outbox-after-reload-phone');

  // The server comes back on the same address and database; the app sends the join by itself.
  server = await startServer({ port, dbDir });
  await waitShown(worker.page, /^报名成功，已确认名额$/, 90000);
  await waitFor(worker.page, async () => !(await shows(worker.page, /^报名 · .* — (待发送|同步中)$/)), 'the outbox to empty');
  await waitShown(worker.page, /^您已报名 · 报名中$/);
  await screenshot(worker.page, 'trips-offline-join-delivered-phone');

  const session = await api.signIn('u-qz-sanitation-01');
  const trips = await api.call('GET', 'me/trips', { token: session.token });
  const mine = trips.body.trips.filter((trip) => trip.id === groupId);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].my_place.state, 'confirmed');
  const detail = await groupDetail(groupId);
  assert.equal(detail.places.filter((place) => place.worker === session.account.id).length, 1, 'exactly one place');
  assert.equal(detail.counts.confirmed, 1);
  assert.deepEqual(worker.errors, []);
  await worker.context.close();
});

test('the organizing union cancels its group in the app with a reason; the worker who joined sees it', async () => {
  const groupId = await openGroupByApi(dayFromToday(364), eveningFromToday(354), 3, 10);
  const worker = await phone();
  await signIn(worker.page, 'u-qz-sanitation-01');
  await joinInApp(worker.page, groupId, '一键报名');
  await waitShown(worker.page, /^报名成功，已确认名额$/);

  const organizer = await phone();
  await signIn(organizer.page, ORGANIZER);
  await organizer.page.evaluate((hash) => { location.hash = hash; }, `#/group/${groupId}`);
  await tap(organizer.page, '取消拼团');
  await fill(organizer.page, '取消原因', '报名人数不足');
  await tap(organizer.page, '确认');
  await waitFor(organizer.page, async () => (await groupDetail(groupId)).state === 'cancelled', 'the endpoint to cancel the group');
  const detail = await groupDetail(groupId);
  assert.equal(detail.cancel_reason, '报名人数不足');
  assert.equal(detail.counts.confirmed, 0, 'every held place is released');
  await waitShown(organizer.page, /^已取消：报名人数不足$/);
  assert.ok(!(await shows(organizer.page, /^(一键报名|取消拼团)$/)), 'nothing more to do on a cancelled group');
  await screenshot(organizer.page, 'trips-organizer-cancelled-phone');

  await worker.page.reload();  // its next sync would come within a minute; a reload syncs now
  await waitReady(worker.page);
  await worker.page.evaluate((hash) => { location.hash = hash; }, `#/group/${groupId}`);
  await waitShown(worker.page, /^已取消：报名人数不足$/);
  assert.deepEqual(worker.errors, []);
  assert.deepEqual(organizer.errors, []);
  await worker.context.close();
  await organizer.context.close();
});

// ---- 3. deep links and the back button -------------------------------------------------

test('a deep link opens its group on first load, and the browser back button returns to the previous screen', async () => {
  const departure = dayFromToday(349);
  const groupId = await openGroupByApi(departure, eveningFromToday(339), 3, 10);
  const visitor = await phone(`#/group/${groupId}`);
  // The group is newer than the catalogue shipped in dist/: it is known once the endpoint's
  // catalogue is in, with no tap needed and the link kept. (That the first ready frame may
  // still say 找不到这个页面 is the bug the todo test below pins down.)
  await waitShown(visitor.page, new RegExp(`^出发日期：${departure}$`));
  assert.ok(await shows(visitor.page, /^还差3人成团$/));
  assert.ok(await shows(visitor.page, /^红色教育\+生态康养·南孔衢州三日$/));
  assert.equal(await visitor.page.evaluate(() => location.hash), `#/group/${groupId}`);
  await findWidget(visitor.page, '登录后报名');
  await screenshot(visitor.page, 'trips-deep-link-first-load-phone');

  // On to the route (its details button follows the group's facts), then the browser's back button.
  await scrollTo(visitor.page, '查看线路详情：红色教育+生态康养·南孔衢州三日');
  await tap(visitor.page, '查看线路详情：红色教育+生态康养·南孔衢州三日');
  await waitFor(visitor.page, () => visitor.page.evaluate(() => location.hash === '#/route/r-qz-red-eco-3d'), 'the route screen');
  await waitShown(visitor.page, /^本线路的拼团$/);
  await visitor.page.goBack();
  await waitFor(visitor.page, () => visitor.page.evaluate((hash) => location.hash === hash, `#/group/${groupId}`),
                'the group link back in the address bar');
  await waitShown(visitor.page, new RegExp(`^出发日期：${departure}$`));
  assert.ok(!(await shows(visitor.page, /^本线路的拼团$/)), 'the route screen is gone');
  assert.deepEqual(visitor.errors, []);
  await visitor.context.close();
});

// Before the endpoint's catalogue has arrived, a link to a group that is not in the shipped
// catalogue must say it is loading, not 找不到这个页面 (this was a bug: about 1 first load in 4).
// The catalogue answer is held back until the first screen has been checked, so that window is always hit.
test('a deep link to a group newer than the shipped catalogue does not say "not found" while connecting', async () => {
  const groupId = await openGroupByApi(dayFromToday(379), eveningFromToday(369), 3, 10);
  const context = await chrome.browser.newContext(viewports.phone);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  try {
    await context.route('**/api/v1/catalogue*', async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    const page = await context.newPage();
    await page.goto(`${server.url}#/group/${groupId}`);
    await waitReady(page);
    await screenshot(page, 'trips-deep-link-while-connecting-phone');
    assert.ok(!(await shows(page, /^找不到这个页面$/)), `first ready screen: ${await visibleLabels(page)}`);
  } finally {
    release();
    await context.close();
  }
});
