// Issue 14, item 4: a group's screen tells a worker what they decide by (both dates and the
// length, the deadline as a date and time, the per-unit cap, who may join, what happens if it
// does not form, the first stop's phone) and leads to the route's details before sharing and
// the QR code, whose caption fits the device. At phone and kiosk sizes, with screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staticSiteAndBrowser, openPage, waitReady, items, stats, screenshot, viewports, settle } from './lib/browser.js';
import { findItem, waitShown, shows } from './lib/canvas.js';

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
    assert.ok(await shows(page, /^每个单位最多报名 12 人（含候补）$/));
    assert.ok(await shows(page, /^跨单位拼团：其他单位的职工也可以报名$/));
    assert.ok(await shows(page, /^报名截止时不足 15 人即未成团/));
    assert.ok(await findItem(page, (i) => i.id !== 0 && i.label === '登录后报名'), 'the action on the first screen too');
    await settle(page);
    await screenshot(page, `group-facts-top-${kind}`);

    // One frame's layout, scrolled out of view or not: the details button comes before 分享 and the QR code.
    const all = await items(page);
    const at = (label) => all.find((i) => i.label === label);
    const caption = kind === 'kiosk' ? '扫码在手机上打开' : '让同事扫码打开这个拼团';
    for (const label of [DETAILS, '分享', caption]) assert.ok(at(label), `"${label}" is drawn`);
    assert.ok(at(DETAILS).y < at('分享').y, `details at ${at(DETAILS).y}, 分享 at ${at('分享').y}`);
    assert.ok(at('分享').y < at(caption).y, 'the QR code comes last');
    assert.ok(!all.some((i) => i.id !== 0 && i.label === '红色教育+生态康养·南孔衢州三日'), 'no bare route-title button');
    await scrollUntil(page, DETAILS);
    await settle(page);
    await screenshot(page, `group-facts-details-${kind}`);
    await scrollUntil(page, caption);
    await settle(page);
    await screenshot(page, `group-facts-bottom-${kind}`);
    assert.equal((await stats(page)).missingGlyphs, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// Wheels down the screen until an item labelled `label` is fully in view; returns it.
async function scrollUntil(page, label) {
  for (let step = 0; step < 40; step++) {
    const item = await findItem(page, (i) => i.label === label);
    const height = page.viewportSize().height;
    if (item && item.y >= 0 && item.y + item.height <= height - 80) return item;
    await page.mouse.move(page.viewportSize().width / 2, height / 2);
    await page.mouse.wheel(0, 200);
    await settle(page, 300);
  }
  assert.fail(`"${label}" never came into view`);
}
