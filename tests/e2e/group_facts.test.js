// Issue 14, item 4: a group's screen tells a worker what they decide by (both dates and the
// length, the deadline as a date and time, the per-unit cap, who may join, what happens if it
// does not form, the first stop's phone) and leads to the route's details before sharing and
// the QR code, whose caption fits the device. At phone and kiosk sizes, with screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staticSiteAndBrowser, openPage, waitReady, items, stats, screenshot, viewports, settle } from './lib/browser.js';
import { findItem, waitShown, shows, scrollUntil } from './lib/canvas.js';

// The bundled demo catalogue on a static host (its dates are moved to the day it is loaded).
const fixture = staticSiteAndBrowser();

const DETAILS = '查看线路详情：红色教育+生态康养·南孔衢州三日';

for (const kind of ['phone', 'kiosk']) {
  test(`the group's key facts, then 查看线路详情 above 分享 and the QR code (${kind})`, async () => {
    const query = kind === 'kiosk' ? '?kiosk=1' : '';
    const { page, context, errors } = await openPage(fixture.browser, `${fixture.site.url}${query}#/group/g-qz-001`,
                                                     viewports[kind]);
    await waitReady(page);
    await waitShown(page, /^返回日期：\d{4}-\d\d-\d\d（共3天2晚）$/);
    assert.ok(await shows(page, /^出发日期：\d{4}-\d\d-\d\d$/));
    assert.ok(await shows(page, /^报名截止：\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）$/));
    assert.ok(await shows(page, /^报名截止还剩 \d+天\d+小时$/));
    assert.ok(await shows(page, /^每个单位最多报名12人（含候补）$/));
    assert.ok(await shows(page, /^跨单位拼团：其他单位的职工也可以报名$/));
    assert.ok(await shows(page, /^截止时未满15人则解散/));
    // The action on the first screen too, whole: above the tab bar.
    const action = await findItem(page, (i) => i.id !== 0 && i.label === '登录后报名');
    const tabs = await findItem(page, (i) => i.id !== 0 && i.label === '首页');
    assert.ok(action && tabs && action.y + action.height <= tabs.y, `登录后报名 ${JSON.stringify(action)}, tab bar at ${tabs?.y}`);
    await settle(page);
    await screenshot(page, `group-facts-top-${kind}`);

    // Downwards only: the details card comes into view first, then 分享, then the QR code's caption
    // (a button scrolled out of view has no label, so each is found by scrolling to it).
    const caption = kind === 'kiosk' ? '扫码在手机上打开' : '让同事扫码打开这个拼团';
    const details = await scrollUntil(page, DETAILS);
    const shareThen = await findItem(page, (i) => i.label === '分享');
    if (shareThen) assert.ok(shareThen.y > details.y, `分享 at ${shareThen.y}, details at ${details.y}`);
    await settle(page);
    await screenshot(page, `group-facts-details-${kind}`);
    const share = await scrollUntil(page, '分享');
    const detailsThen = await findItem(page, (i) => i.label === DETAILS);
    if (detailsThen) assert.ok(detailsThen.y < share.y, `details at ${detailsThen.y}, 分享 at ${share.y}`);
    const qr = await scrollUntil(page, caption);
    assert.ok(qr.y > share.y || !(await findItem(page, (i) => i.label === '分享')), 'the QR code comes after 分享');
    assert.ok(!(await items(page)).some((i) => i.id !== 0 && i.label === '红色教育+生态康养·南孔衢州三日'),
              'no bare route-title button');
    await settle(page);
    await screenshot(page, `group-facts-bottom-${kind}`);
    assert.equal((await stats(page)).missingGlyphs, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

