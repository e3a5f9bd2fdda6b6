// The secretariat's desk end to end: desk.html (its own wasm) against the real liaoxiu-server.
// The worker's index.html offers a signed-in secretariat 秘书处工作台, which opens desk.html
// with the same stored session; there the members table, a member's page with a suspension
// made through the modal (the endpoint's member is then suspended), and the groups overview,
// each photographed at office size (1366×768) and tablet size (1024×768) into build/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitReady, screenshot, waitFor, settle, centre, viewports } from './lib/browser.js';
import { shows, waitShown, findWidget, fill, tap, dismissNotices, signIn } from './lib/canvas.js';
import { startServer, apiClient } from './lib/server.js';

// An office PC (touch emulation only so the shared helpers can tap the text fields).
const office = viewports.office;
const tablet = { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

let server, api, chrome;

before(async () => {
  server = await startServer();
  api = apiClient(server.origin);
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  await server?.stop();
});



// A mouse click on the widget (not a line of text) labelled `label`, as on an office PC.
async function click(page, label) {
  const { x, y } = centre(await findWidget(page, label));
  await page.mouse.click(x, y);
}

const open = (viewport, page = '') => openApp(chrome.browser, server.url + page, viewport);

async function go(page, hash) {
  await page.evaluate((to) => { location.hash = to; }, hash);
  await settle(page);
}

test('the secretariat goes from the app to desk.html and works there; screenshots at office and tablet size', async () => {
  // A worker's phone on a route through the member about to be suspended: bookable for now.
  const phone = await open(viewports.phone, '#/route/r-qz-model-worker-5d');
  await waitShown(phone.page, /^劳模工匠疗休养·衢州全域五日$/);
  assert.equal(await shows(phone.page, /^暂不可报名$/), false, 'the route is bookable before the suspension');

  // In the worker's app: the entry opens desk.html, signed in already.
  const app = await open(office);
  await signIn(app.page, 'admin');
  await go(app.page, '#/me');
  await click(app.page, '秘书处工作台');
  await app.page.waitForURL(/\/desk\.html#\/desk\/members$/);
  await waitReady(app.page);
  await waitShown(app.page, /^成员单位管理$/);
  await findWidget(app.page, '拼团总览');  // the desk's navigation
  await settle(app.page);
  await screenshot(app.page, 'desk-members-1366');

  // A member: suspend it through the modal, with a reason; its impact shows at once.
  await go(app.page, '#/desk/member/m-qz-hotel-guoji');
  await waitShown(app.page, /编辑成员单位/);
  await screenshot(app.page, 'desk-member-1366');
  await click(app.page, '暂停');
  await fill(app.page, '原因（必填）', '消防检查未通过，停业整改');
  await screenshot(app.page, 'desk-suspend-modal-1366');
  await click(app.page, '确认');
  await waitShown(app.page, /受影响的线路和拼团/);
  await waitFor(app.page, async () => {
    const answer = await api.call('GET', 'catalogue');
    return answer.body.members.find((m) => m.id === 'm-qz-hotel-guoji')?.status === 'suspended';
  }, 'the endpoint to hold the suspension');
  await waitShown(app.page, /暂停成员单位：已完成/);
  await settle(app.page);
  await screenshot(app.page, 'desk-member-suspended-1366');

  // The worker's phone, after its next sync (a reload: the cached catalogue first, then the
  // endpoint's), says the route cannot be booked for now, with the secretariat's reason, and
  // offers no join on its groups.
  await phone.page.reload();
  await waitReady(phone.page);
  await waitShown(phone.page, /^暂不可报名$/);
  await waitShown(phone.page, /已暂停服务（消防检查未通过，停业整改），线路暂不可预订/);
  await settle(phone.page);
  await screenshot(phone.page, 'route-on-hold-phone');
  assert.deepEqual(phone.errors, []);
  await phone.context.close();

  await go(app.page, '#/desk/groups');
  await waitShown(app.page, /^全部拼团$/);
  await dismissNotices(app.page);
  await screenshot(app.page, 'desk-groups-1366');

  // The audit trail holds the suspension, with its reason, as the endpoint recorded it.
  await go(app.page, '#/desk/audit');
  await waitShown(app.page, /^审计日志$/);
  await waitShown(app.page, /^消防检查未通过，停业整改$/);
  await settle(app.page);
  await screenshot(app.page, 'desk-audit-1366');
  const { token } = await api.signIn('admin');
  const trail = await api.call('GET', 'audit?action=member.suspend&entity=m-qz-hotel-guoji', { token });
  assert.equal(trail.status, 200);
  assert.equal(trail.body.entries[0].reason, '消防检查未通过，停业整改');

  // The route designer's pages and the policies.
  for (const [hash, name, shown] of [['#/desk/routes', 'routes', /^线路设计$/],
                                     ['#/desk/route/r-qz-red-eco-3d', 'route', /^编辑线路$/],
                                     ['#/desk/seasons', 'seasons', /^季度线路图$/],
                                     ['#/desk/policies', 'policies', /^政策发布$/],
                                     ['#/desk/stats', 'stats', /^出行人次（按/]]) {
    await go(app.page, hash);
    await waitShown(app.page, shown);
    await settle(app.page);
    await screenshot(app.page, `desk-${name}-1366`);
  }
  assert.deepEqual(app.errors, []);
  await app.context.close();

  // A tablet: the navigation is one row above the page.
  const pad = await open(tablet, 'desk.html');
  await signIn(pad.page, 'admin', /^成员单位管理$/);
  for (const [hash, name, shown] of [['#/desk/members', 'members', /^成员单位管理$/],
                                     ['#/desk/member/m-qz-hotel-guoji', 'member', /编辑成员单位/],
                                     ['#/desk/groups', 'groups', /^全部拼团$/]]) {
    await go(pad.page, hash);
    await waitShown(pad.page, shown);
    await settle(pad.page);
    await screenshot(pad.page, `desk-${name}-1024`);
  }
  assert.deepEqual(pad.errors, []);
  await pad.context.close();
});

test('a worker in desk.html sees nothing of the desk', async () => {
  const page = await open(office, 'desk.html');
  await signIn(page.page, 'u-qz-school2-01');
  await go(page.page, '#/desk/members');
  await waitShown(page.page, /只有联盟秘书处可以使用工作台/);
  assert.ok(!(await shows(page.page, /^成员单位管理$/)));
  assert.ok(!(await shows(page.page, /^拼团总览$/)));
  await page.context.close();
});
