// A confirmed trip added to the phone's calendar (issue 18): a worker with a confirmed place
// opens the group at phone size, taps 加入日历 and the browser receives an .ics file (RFC 5545:
// CRLF, lines within 75 octets, one all-day VEVENT from the departure) made by the core.
// Headless Chromium against the real liaoxiu-server (fresh SQLite database, demo accounts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openApp, viewports, screenshot } from './lib/browser.js';
import { tap, waitShown, signIn, scrollUntil, findWidget } from './lib/canvas.js';
import { demoSuite } from './lib/suite.js';
import { dayFromToday, eveningFromToday } from './lib/dates.js';

const ROUTE = 'r-qz-red-eco-3d';  // 红色教育+生态康养·南孔衢州三日
const ROUTE_TITLE = '红色教育+生态康养·南孔衢州三日';
const ORGANIZER = 'u-qz-school2-union';
const WORKER = 'u-qz-juhua-02';

const suite = demoSuite();

test('a worker with a confirmed place taps 加入日历 and gets the trip as an .ics file', async () => {
  const departure = dayFromToday(200);
  const organizer = (await suite.api.signIn(ORGANIZER)).token;
  const opened = await suite.api.call('POST', 'groups', { token: organizer, body: {
    route: ROUTE, departure, min_size: 3, max_size: 10, join_deadline: eveningFromToday(190) } });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const group = opened.body.id;
  const { token } = await suite.api.signIn(WORKER);
  const joined = await suite.api.call('POST', `groups/${group}/join`, { token });
  assert.ok([200, 201].includes(joined.status), JSON.stringify(joined.body));

  const { context, page, errors } = await openApp(suite.chrome.browser, suite.server.url, { ...viewports.phone, acceptDownloads: true });
  await signIn(page, WORKER);
  await page.evaluate((g) => { location.hash = `#/group/${g}`; }, group);
  await waitShown(page, /^您已报名$/);
  await findWidget(page, '退出拼团');  // the action stays on the first screen; 加入日历 comes after it
  await scrollUntil(page, '加入日历');
  await screenshot(page, 'calendar-phone');

  const download = page.waitForEvent('download');
  await tap(page, '加入日历');
  const file = await download;
  assert.equal(file.suggestedFilename(), `${ROUTE_TITLE} ${departure}.ics`);
  const bytes = fs.readFileSync(await file.path());
  const text = bytes.toString('utf8');
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'), text.slice(0, 40));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  // CRLF only, and every physical line within 75 octets.
  assert.ok(!/[^\r]\n/.test(text) && !/\r[^\n]/.test(text), 'CRLF line endings');
  for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  assert.match(unfolded, new RegExp(`\r\nUID:${group}@liaoxiu\r\n`));
  assert.match(unfolded, new RegExp(`\r\nDTSTART;VALUE=DATE:${departure.replaceAll('-', '')}\r\n`));
  assert.match(unfolded, new RegExp(`\r\nSUMMARY:${ROUTE_TITLE.replace('+', '\\+')}\r\n`));
  assert.match(unfolded, /\r\nDESCRIPTION:第1天 /);
  assert.deepEqual(errors, []);
  await context.close();
});
