// 消息 end to end (issue 18). 江山水务's union declines a worker's place with a reason (through the
// API); the worker, in the app, sees the unread count on the 我的 tab and on 我的, opens 消息, reads the
// union's decision with its reason marked 未读, and on the way back the count is gone — on the
// endpoint too. And a withdrawal offers a place to a waiting worker, whose phone shows the offer in
// 消息 with the unread badge, first, and accepts it there. Headless Chromium against the real
// liaoxiu-server with the demo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot } from './lib/browser.js';
import { tap, waitShown, signIn } from './lib/canvas.js';
import { dayFromToday, eveningFromToday } from './lib/dates.js';
import { demoSuite } from './lib/suite.js';

const GROUP = 'g-qz-004';            // 巨化's July group: 江山水务's workers need their union's approval
const WORKER = 'u-js-water-01';      // account w-u-js-water-1, holds a pending place on it in the demo
const UNION = 'u-js-water-union';
const REASON = '本季度单位工作任务重';

const suite = demoSuite();

test('a worker sees the unread count, reads their union\'s decision in 消息, and the count goes', async () => {
  const union = (await suite.api.signIn(UNION)).token;
  const declined = await suite.api.call('POST', `groups/${GROUP}/places/w-u-js-water-1/decline`, { token: union, body: { reason: REASON } });
  assert.equal(declined.status, 200, JSON.stringify(declined.body));

  const worker = await openApp(suite.chrome.browser, suite.server.url);
  const { page } = worker;
  await signIn(page, WORKER);
  await page.evaluate(() => { location.hash = '#/me'; });
  await waitShown(page, /^1条未读消息$/);  // the 我的 tab's badge
  await waitShown(page, /^消息（1条未读）$/);
  await screenshot(page, 'messages-unread-phone');
  await tap(page, '消息（1条未读）');
  await waitShown(page, new RegExp(`${REASON}`));
  await waitShown(page, /^未读$/);
  assert.equal(await page.evaluate(() => location.hash), '#/messages');
  await screenshot(page, 'messages-list-phone');

  // Shown is read: the endpoint says so, and 我的 no longer counts it.
  const token = (await suite.api.signIn(WORKER)).token;
  let unread;
  for (let i = 0; i < 50; i++) {
    const answer = await suite.api.call('GET', 'me/notifications', { token });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    unread = answer.body.unread;
    if (unread === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(unread, 0);
  await page.evaluate(() => { location.hash = '#/me'; });
  await waitShown(page, /^消息$/);
  assert.deepEqual(worker.errors, []);
  await worker.context.close();
});

test('a withdrawal offers a place to a waiting worker: the phone shows the offer in 消息, first, and accepts it', async () => {
  const { api } = suite;
  const organizer = (await api.signIn('u-qz-school2-union')).token;
  const opened = await api.call('POST', 'groups', { token: organizer, body: {
    route: 'r-qz-red-eco-3d', departure: dayFromToday(120), min_size: 1, max_size: 2, join_deadline: eveningFromToday(110) } });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const group = opened.body.id;
  const tokens = {};
  for (const login of ['u-qz-school2-01', 'u-qz-power-01', 'u-qz-hospital-01']) {
    tokens[login] = (await api.signIn(login)).token;
    const joined = await api.call('POST', `groups/${group}/join`, { token: tokens[login] });
    assert.ok([200, 201].includes(joined.status), JSON.stringify(joined.body));
  }
  // The third waits; the first leaves: the place is offered to the third.
  const left = await api.call('POST', `groups/${group}/withdraw`, { token: tokens['u-qz-school2-01'] });
  assert.equal(left.status, 200, JSON.stringify(left.body));

  const worker = await openApp(suite.chrome.browser, suite.server.url);
  const { page } = worker;
  await signIn(page, 'u-qz-hospital-01');
  await page.evaluate(() => { location.hash = '#/me'; });
  await waitShown(page, /^1条未读消息$/);
  await tap(page, '消息（1条未读）');
  await waitShown(page, /候补到名额了/);
  await screenshot(page, 'messages-offer-phone');
  await tap(page, '接受名额');
  // Accepted: the endpoint holds the place confirmed, and the offer's action is gone from 消息.
  let state;
  for (let i = 0; i < 50 && state !== 'confirmed'; i++) {
    const answer = await api.call('GET', `groups/${group}`, { token: tokens['u-qz-hospital-01'] });
    state = answer.body?.my_place?.state;
    if (state !== 'confirmed') await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(state, 'confirmed');
  await waitShown(page, /^查看拼团$/);
  assert.deepEqual(worker.errors, []);
  await worker.context.close();
});
