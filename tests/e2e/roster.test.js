// The unit union's desk end to end: an organizer signs in on a phone, opens its unit's
// group trip, its 名单 (own workers with state and time), and exports the roster
// as CSV: the browser receives a download that starts with the UTF-8 byte-order mark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, openApp, viewports, screenshot } from './lib/browser.js';
import { tap, waitShown, signIn } from './lib/canvas.js';
import { startServer } from './lib/server.js';

let server, chrome;

before(async () => {
  server = await startServer();
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  await server?.stop();
});

test('an organizer opens a group\'s roster and exports it as CSV for the travel agency', async () => {
  const { context, page, errors } = await openApp(chrome.browser, server.url, { ...viewports.phone, acceptDownloads: true });
  await signIn(page, 'u-qz-school2-union');
  await waitShown(page, /^本单位的拼团$/);  // the union's 我的

  await page.evaluate(() => { location.hash = '#/group/g-qz-001'; });
  await tap(page, '名单');
  await waitShown(page, /^本单位职工$/);
  await waitShown(page, /^已确认 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起/);  // each of the unit's places, with its time
  await screenshot(page, 'roster-phone');

  const download = page.waitForEvent('download');
  await tap(page, '导出CSV');
  const file = await download;
  assert.equal(file.suggestedFilename(), '名单-g-qz-001.csv');
  const bytes = fs.readFileSync(await file.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  assert.match(text, /^"姓名","工号","单位","状态","报名时间"\r\n/);
  assert.match(text, /"衢州市第二中学","已确认","\d{4}-\d{2}-\d{2} \d{2}:\d{2}"\r\n/);
  assert.ok(!text.includes('柯城区环境卫生管理中心'), 'another unit\'s workers are not in the export');
  assert.deepEqual(errors, []);
  await context.close();
});
