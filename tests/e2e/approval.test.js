// 审批 end to end (issue 17): 江山水务 requires its union's approval, and one of its workers
// (u-js-water-01) holds a pending place on 巨化's July group (g-qz-004) in the demo. On one phone the
// worker sees it held for approval; on another the union opens 我的 → 待审批, sees the place and
// taps 同意; the worker's 我的, after a refresh, shows the trip confirmed. Headless Chromium against
// the real liaoxiu-server with the demo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, waitReady } from './lib/browser.js';
import { tap, waitShown, signIn, scrollUntil } from './lib/canvas.js';
import { demoSuite } from './lib/suite.js';

const GROUP = 'g-qz-004';
const WORKER = 'u-js-water-01';      // account w-u-js-water-1, 江山市自来水有限公司职工1
const UNION = 'u-js-water-union';

const suite = demoSuite();

test('a union approves its worker\'s place on another phone, and the worker sees the trip confirmed', async () => {
  const worker = await openApp(suite.chrome.browser, suite.server.url);
  await signIn(worker.page, WORKER);
  await worker.page.evaluate(() => { location.hash = '#/me'; });
  await waitShown(worker.page, /^名额已保留，待本单位工会审批/);
  await screenshot(worker.page, 'approval-worker-pending-phone');

  const union = await openApp(suite.chrome.browser, suite.server.url);
  const { page } = union;
  await signIn(page, UNION);
  await page.evaluate(() => { location.hash = '#/me'; });
  await waitShown(page, /^待审批 1$/);
  await tap(page, '待审批 1');
  await waitShown(page, /^江山市自来水有限公司职工1 · u-js-water-01$/);
  await waitShown(page, /^审批截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  assert.equal(await page.evaluate(() => location.hash), '#/approvals');
  await scrollUntil(page, '不同意');
  await screenshot(page, 'approval-queue-phone');
  await tap(page, '同意');
  await waitShown(page, /^暂无待审批$/);
  await screenshot(page, 'approval-done-phone');
  assert.deepEqual(union.errors, []);
  await union.context.close();

  // The endpoint holds it confirmed.
  const token = (await suite.api.signIn(WORKER)).token;
  const group = await suite.api.call('GET', `groups/${GROUP}`, { token });
  assert.equal(group.status, 200, JSON.stringify(group.body));
  assert.equal(group.body.my_place.state, 'confirmed');

  // The worker comes back to the app: 我的 shows the trip confirmed.
  await worker.page.reload();
  await waitReady(worker.page);
  await worker.page.evaluate(() => { location.hash = '#/me'; });
  await waitShown(worker.page, /^您已报名/);
  await screenshot(worker.page, 'approval-worker-confirmed-phone');
  assert.deepEqual(worker.errors, []);
  await worker.context.close();
});
