// 想去 end to end (issue 14): a worker of a unit opens a route with no group on a phone, taps 想去
// and is told their union knows; the union sees the count on the route; an organizer opens a group
// on it (through the API); the worker's 我的 then shows 有拼团了 marked 新 and opens the group. Headless
// Chromium against the real liaoxiu-server with the demo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, waitReady } from './lib/browser.js';
import { tap, waitShown, signIn, scrollUntil, findWidget, shows } from './lib/canvas.js';
import { demoSuite } from './lib/suite.js';
import { dayFromToday, eveningFromToday } from './lib/dates.js';

const ROUTE = 'r-qz-wuxijiang-2d';  // 乌溪江·湖光山色两日: no group on it in the demo
const WORKER = 'u-qz-power-01';      // 国网衢州供电公司
const UNION = 'u-qz-power-union';

const suite = demoSuite();

test('a worker says 想去 on a route with no group, and 我的 tells them when a group opens for them', async () => {
  const worker = await openApp(suite.chrome.browser, suite.server.url);
  const { page } = worker;
  await signIn(page, WORKER);
  await page.evaluate((hash) => { location.hash = hash; }, `#/route/${ROUTE}`);
  await waitShown(page, /^暂无可报名的拼团$/);
  await scrollUntil(page, '想去');
  await screenshot(page, 'wish-route-phone');
  await tap(page, '想去');
  await waitShown(page, /^已告诉本单位工会；有人发起拼团时会在“我的”里告诉您$/);
  await scrollUntil(page, '取消想去');  // below the told line, under a phone's tab bar
  await screenshot(page, 'wish-told-phone');

  // Stored once, for the worker's unit; its union counts it.
  const workerToken = (await suite.api.signIn(WORKER)).token;
  const mine = await suite.api.call('GET', 'me/wishes', { token: workerToken });
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  assert.deepEqual(mine.body.wishes.map((w) => [w.route, w.unit, w.groups.length]), [[ROUTE, 'u-qz-power', 0]]);
  const unionToken = (await suite.api.signIn(UNION)).token;
  const counts = await suite.api.call('GET', 'units/u-qz-power/wishes', { token: unionToken });
  assert.deepEqual(counts.body.routes.map((r) => [r.route, r.count]), [[ROUTE, 1]]);

  // 我的 before any group: the wish, waiting.
  await page.evaluate(() => { location.hash = '#/me'; });
  await scrollUntil(page, '想去的线路');
  await waitShown(page, /· 暂无拼团 · 已告诉本单位工会$/);

  // The union sees the demand where it acts, and opens a group (through the API).
  const union = await openApp(suite.chrome.browser, suite.server.url);
  await signIn(union.page, UNION);
  await union.page.evaluate((hash) => { location.hash = hash; }, `#/route/${ROUTE}`);
  await scrollUntil(union.page, '在此线路发起拼团');
  await waitShown(union.page, /^本单位有1位职工想去$/);
  await screenshot(union.page, 'wish-union-count-phone');
  assert.deepEqual(union.errors, []);
  await union.context.close();

  const departure = dayFromToday(75);
  const opened = await suite.api.call('POST', 'groups', { token: unionToken, body: {
    route: ROUTE, departure, min_size: 2, max_size: 20, join_deadline: eveningFromToday(60) } });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const group = opened.body.id;

  // The worker comes back to the app later: 我的 says a group is open, marked 新, and opens it.
  await page.reload();
  await waitReady(page);
  await page.evaluate(() => { location.hash = '#/me'; });
  await scrollUntil(page, '想去的线路');
  const card = new RegExp(`· 有拼团了 · ${departure}出发$`);
  await waitShown(page, card);
  assert.ok(await shows(page, /^新$/), 'the group that opened is marked 新');
  await screenshot(page, 'wish-group-open-phone');
  const label = (await page.evaluate(() => window.liaoxiu.items())).find((i) => i.visible && card.test(i.label)).label;
  await tap(page, label);
  await waitShown(page, /^出发日期：/);
  assert.equal(await page.evaluate(() => location.hash), `#/group/${group}`);
  await findWidget(page, '一键报名');
  await screenshot(page, 'wish-opened-group-phone');
  assert.deepEqual(worker.errors, []);
  await worker.context.close();
});
