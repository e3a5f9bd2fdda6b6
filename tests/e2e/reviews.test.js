// Service reviews (服务评价) end to end: a worker who has just come back from a trip opens the app
// on a phone, is asked once to rate it, rates the first member unit of the itinerary with the
// stars and a comment, and is told it is saved; the secretariat's figures (GET /reviews/scores,
// what its 服务评价 desk page draws) then count the new review and its stars in the member's
// averages. Headless Chromium against the real liaoxiu-server with the demo and its past
// (`traveller` holds a place on a trip that ended two days before the demo was loaded).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, screenshot, viewports } from './lib/browser.js';
import { tap, fill, waitShown, signIn, findWidget } from './lib/canvas.js';
import { startServer, apiClient } from './lib/server.js';

let server, api, chrome, admin, traveller;

before(async () => {
  server = await startServer();
  api = apiClient(server.origin);
  chrome = await launch();
  admin = (await api.signIn('admin')).token;
  traveller = (await api.signIn('traveller')).token;
});
after(async () => {
  await chrome?.close();
  await server?.stop();
});

const scoresOf = async (member) => {
  const answer = await api.call('GET', `reviews/scores?member=${member}`, { token: admin });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.members.find((m) => m.member === member) ?? { count: 0, averages: null };
};

test('a worker back from a trip rates a member unit on a phone, and the secretariat\'s averages count it', async () => {
  // What the worker will be asked: the first member of the trip's itinerary, not yet rated.
  const mine = await api.call('GET', 'me/reviews', { token: traveller });
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  assert.ok(mine.body.due.length > 0, 'the demo traveller has a trip to rate');
  const due = mine.body.due[0];
  const before = await scoresOf(due.member);

  const { context, page, errors } = await openApp(chrome.browser, server.url);
  await signIn(page, 'traveller');
  await page.evaluate(() => { location.hash = '#/me'; });
  await waitShown(page, /^有\d+个行程待评价$/);
  await screenshot(page, 'reviews-asked-phone');
  await tap(page, '去评价');
  await waitShown(page, /^请评价服务本身，不要涉及个人。/);
  // The first form on the screen is the first member's: four, five and three stars.
  await tap(page, '接待礼仪 4星');
  await tap(page, '服务流程 5星');
  await tap(page, '问题处理 3星');
  await fill(page, '评价内容', '前台接待热情，房间干净 👍');
  await screenshot(page, 'reviews-form-phone');
  await tap(page, '提交');
  await waitShown(page, /^评价已提交，谢谢！$/);

  // Stored once, as rated, and no longer due.
  const after = await api.call('GET', 'me/reviews', { token: traveller });
  const written = after.body.reviews.filter((r) => r.group === due.group && r.member === due.member);
  assert.equal(written.length, 1);
  assert.deepEqual(written[0].scores, { etiquette: 4, process: 5, problem_handling: 3 });
  assert.equal(written[0].comment, '前台接待热情，房间干净 👍');
  assert.ok(!after.body.due.some((d) => d.group === due.group && d.member === due.member));

  // The secretariat's figures count it: one more review, each average moved toward its stars.
  const now = await scoresOf(due.member);
  assert.equal(now.count, before.count + 1);
  const expected = (dimension, stars) =>
    ((before.averages ? before.averages[dimension] * before.count : 0) + stars) / (before.count + 1);
  for (const [dimension, stars] of [['etiquette', 4], ['process', 5], ['problem_handling', 3]])
    assert.ok(Math.abs(now.averages[dimension] - expected(dimension, stars)) <= 0.01,
              `${dimension}: ${now.averages[dimension]} against ${expected(dimension, stars)}`);
  assert.deepEqual(errors, []);
  await context.close();

  // Its 服务评价 page at an office desk draws them.
  const desk = await openApp(chrome.browser, `${server.url}desk.html`, viewports.office);
  await signIn(desk.page, 'admin', /^成员单位管理$/);
  await desk.page.evaluate(() => { location.hash = '#/desk/reviews'; });
  await waitShown(desk.page, /^按综合评分从低到高/);
  await findWidget(desk.page, '刷新');
  await screenshot(desk.page, 'reviews-desk-office');
  assert.deepEqual(desk.errors, []);
  await desk.context.close();
});
