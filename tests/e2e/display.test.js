// The display under the app: a lost WebGL context comes back with the same screen and
// state, and orientation changes and resizes keep the canvas sharp (backing size = CSS size ×
// devicePixelRatio) with every control inside the viewport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from './lib/static_server.js';
import { distFile } from './lib/dist_files.js';
import { staticSiteAndBrowser, openPage, waitReady, items, stats, screenshot, distDir, viewports, centre, waitFor, settle,
         animationFrames } from './lib/browser.js';
import { visibleLabels } from './lib/canvas.js';

const fixture = staticSiteAndBrowser();

test('a lost WebGL context is restored with the same screen, search and results', async () => {
  const { page, context, errors } = await openPage(fixture.browser, `${fixture.site.url}#/routes`, viewports.phone);
  await waitReady(page);
  // Some state worth keeping: a search typed into the catalogue's field.
  const field = await waitFor(page, async () => (await items(page)).find((i) => i.textField && i.visible), 'the search field');
  await page.touchscreen.tap(centre(field).x, centre(field).y);
  await waitFor(page, () => page.evaluate(() => document.activeElement?.id === 'lx-text-agent'), 'the text agent focused');
  await page.keyboard.insertText('温泉');
  const results = await waitFor(page, async () => (await items(page)).find((i) => /^找到 \d+ 条线路$/.test(i.label) &&
    !i.label.startsWith('找到 10 ')), 'the search to narrow the list');
  await page.evaluate(() => document.activeElement?.blur());
  await settle(page);
  const labelsBefore = (await visibleLabels(page)).sort();
  const shotBefore = await page.screenshot();

  await page.evaluate(() => {
    const gl = document.getElementById('canvas').getContext('webgl2');
    window.__loseContext = gl.getExtension('WEBGL_lose_context');
    window.__loseContext.loseContext();
  });
  await waitFor(page, () => page.evaluate(() => document.getElementById('canvas').getContext('webgl2').isContextLost()),
                'the context to be lost');
  // Input while the context is gone must not break anything.
  await page.mouse.move(100, 400);
  await animationFrames(page, 10);  // the app's loop has run with the move queued
  assert.equal((await stats(page)).glContextRestores, 0);
  const framesLost = (await stats(page)).frames;

  await page.evaluate(() => window.__loseContext.restoreContext());
  await waitFor(page, async () => (await stats(page)).glContextRestores === 1, 'the app to take the restored context');
  await waitFor(page, async () => (await stats(page)).frames > framesLost, 'frames drawn again');
  await page.mouse.move(195, 300);  // back where it was before, so hover states agree
  await settle(page);

  assert.equal(await page.evaluate(() => location.hash), '#/routes', 'the same screen');
  assert.deepEqual((await visibleLabels(page)).sort(), labelsBefore, 'the same items on screen');
  assert.ok((await items(page)).some((i) => i.label === results.label), `still "${results.label}"`);
  assert.equal((await stats(page)).missingGlyphs, 0, 'every character still drawn');
  await screenshot(page, 'context-restored-phone');
  // The pixels themselves: text and cards are drawn from the re-uploaded glyph atlas.
  const shotAfter = await page.screenshot();
  assert.ok(shotAfter.length > shotBefore.length * 0.9, `the restored frame is not blank (${shotAfter.length} vs ${shotBefore.length} bytes of PNG)`);
  assert.deepEqual(errors, []);
  await context.close();
});

// Every control the user needs inside the viewport, and the canvas's backing store sharp.
async function checkLayout(page, width, height, dpr, name) {
  await waitFor(page, () => page.evaluate(([w, h]) => window.innerWidth === w && window.innerHeight === h, [width, height]),
                `the viewport to be ${width}×${height}`);
  await waitFor(page, () => page.evaluate(([w, h, r]) => {
    const canvas = document.getElementById('canvas');
    return canvas.width === Math.floor(w * r) && canvas.height === Math.floor(h * r);
  }, [width, height, dpr]), `the canvas backing store to be ${width}×${height} × ${dpr}`, 5000).catch(async (error) => {
    const sizes = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      return `${c.width}×${c.height} for CSS ${c.clientWidth}×${c.clientHeight}`;
    });
    throw new Error(`${error.message}: ${sizes}`);
  });
  await settle(page);
  await screenshot(page, `resize-${name}`);
  const css = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { width: c.clientWidth, height: c.clientHeight };
  });
  assert.deepEqual(css, { width, height }, 'the canvas fills the viewport');
  const shown = await items(page);
  for (const tab of ['首页', '线路', '成员单位', '我的']) {
    const item = shown.find((i) => i.label === tab && i.id !== 0);
    assert.ok(item, `tab ${tab} present at ${name}`);
    assert.ok(item.visible && item.x >= 0 && item.y >= 0 && item.x + item.width <= width + 0.5 &&
              item.y + item.height <= height + 0.5, `tab ${tab} inside ${width}×${height}: ${JSON.stringify(item)}`);
    assert.ok(item.height >= 44 && item.width >= 44, `tab ${tab} a touch target`);
  }
  const field = shown.find((i) => i.textField && i.visible);
  assert.ok(field && field.x >= 0 && field.x + field.width <= width + 0.5 && field.y + field.height <= height,
            `the search field inside ${width}×${height}`);
  // Nothing visible sticks out sideways (vertical overflow is what scrolling is for).
  for (const item of shown.filter((i) => i.visible && i.width > 0)) {
    assert.ok(item.x >= -0.5 && item.x + item.width <= width + 0.5,
              `"${item.label}" inside the width at ${name}: x ${item.x}, width ${item.width}`);
  }
  assert.equal((await stats(page)).missingGlyphs, 0);
}

test('a phone turned to landscape and back: sharp canvas, every control inside the screen', async () => {
  const { page, context, errors } = await openPage(fixture.browser, `${fixture.site.url}#/routes`, viewports.phone);
  await waitReady(page);
  await checkLayout(page, 390, 844, 3, 'phone-portrait');
  await page.setViewportSize({ width: 844, height: 390 });
  await checkLayout(page, 844, 390, 3, 'phone-landscape');
  // On its side the list keeps the height: a whole row of route cards below the search.
  const wholeCards = (await items(page)).filter((i) => i.visible && i.id !== 0 && i.label && i.height > 100 && i.y >= 0 && i.y + i.height <= 390);
  assert.ok(wholeCards.length >= 2, `whole route cards on a phone on its side: ${wholeCards.map((i) => i.label)}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await checkLayout(page, 390, 844, 3, 'phone-portrait-again');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page zoomed from 1× to 2× redraws its text sharp at once, and takes back every glyph when idle', async () => {
  const { page, context, errors } = await openPage(fixture.browser, `${fixture.site.url}#/routes`,
                                                   { ...viewports.phone, deviceScaleFactor: 1 });
  await waitReady(page);
  await checkLayout(page, 390, 844, 1, 'zoom-1x');
  // The catalogue's characters are prefetched on idle frames: wait until the atlas stops growing.
  let last = -1, unchanged = 0;
  await waitFor(page, async () => {
    await animationFrames(page, 3);
    const glyphs = (await stats(page)).atlasGlyphs;
    unchanged = glyphs === last ? unchanged + 1 : 0;
    last = glyphs;
    return unchanged >= 5;
  }, 'the prefetch to finish', 30000);
  const before = (await stats(page)).atlasGlyphs;
  assert.ok(before > 150, `the demo catalogue's characters in the atlas: ${before}`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 2, mobile: true });
  // The first frame at 2× has what it shows (checkLayout counts missing glyphs): the texture
  // starts over with what is on screen, and the rest comes back on idle frames.
  await checkLayout(page, 390, 844, 2, 'zoom-2x');
  await waitFor(page, async () => (await stats(page)).atlasGlyphs >= before, `${before} glyphs in the atlas again`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a kiosk screen resized to 1080×1920 portrait lays out for it', async () => {
  const { page, context, errors } = await openPage(fixture.browser, `${fixture.site.url}?kiosk=1#/routes`,
                                                   { ...viewports.kiosk, viewport: { width: 1920, height: 1080 } });
  await waitReady(page);
  await checkLayout(page, 1920, 1080, 1, 'kiosk-landscape');
  await page.setViewportSize({ width: 1080, height: 1920 });
  await checkLayout(page, 1080, 1920, 1, 'kiosk-portrait');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long notice wraps inside its toast at 390 px, clear of its button, on the frame it appears', async () => {
  // No config.json: the app browses offline and says why, in a notice longer than a line.
  const broken = await serveStatic(distDir, { hide: ['config.json'] });
  try {
    const { page, context } = await openPage(fixture.browser, `${broken.url}#/`, viewports.phone);
    await waitReady(page);
    const notice = await waitFor(page, async () => (await items(page)).find((i) => i.visible && i.label.startsWith('无法读取服务器配置')),
                                 'the notice');
    // Laid out in the frame that first showed it: nothing more is drawn until something changes.
    await settle(page);
    const shown = await items(page);
    const text = shown.find((i) => i.visible && i.label.startsWith('无法读取服务器配置'));
    const dismiss = shown.find((i) => i.visible && i.label === '知道了');
    const tab = shown.find((i) => i.label === '首页' && i.id !== 0);
    await screenshot(page, 'long-notice-phone');
    assert.deepEqual(text, notice, 'the notice did not move after its first frame');
    assert.ok(dismiss, 'the dismiss button is there');
    assert.ok(text.x >= 0 && text.x + text.width <= dismiss.x, `the text stops before the button: ${JSON.stringify(text)} vs x ${dismiss.x}`);
    assert.ok(dismiss.x + dismiss.width <= 390, 'the button is inside the screen');
    assert.ok(text.height > 2 * 25, `the text wraps onto several lines (height ${text.height})`);
    assert.ok(text.y + text.height <= tab.y, 'the toast sits above the tab bar');
    await context.close();
  } finally {
    await broken.close();
  }
});

test('a long route title ends in … inside its card on the catalogue and its group row on home, 390 px', async () => {
  const catalogue = JSON.parse(fs.readFileSync(path.join(distDir, distFile('catalogue.json')), 'utf8'));
  const longTitle = '胡柚飘香·三衢石林三日：常山胡柚采摘、石林徒步与赏石文化体验，职工疗休养专线';
  const route = catalogue.routes.find((r) => r.id === 'r-qz-changshan-3d');
  route.title = longTitle;
  const longSite = await serveStatic(distDir, {
    overrides: { 'config.json': '{}', [distFile('catalogue.json')]: JSON.stringify(catalogue) },
  });
  try {
    const { page, context, errors } = await openPage(fixture.browser, `${longSite.url}#/routes`, viewports.phone);
    await waitReady(page);
    const field = await waitFor(page, async () => (await items(page)).find((i) => i.textField && i.visible), 'the search field');
    await page.touchscreen.tap(centre(field).x, centre(field).y);
    await waitFor(page, () => page.evaluate(() => document.activeElement?.id === 'lx-text-agent'), 'the text agent focused');
    await page.keyboard.insertText('石林徒步');
    const card = await waitFor(page, async () => (await items(page)).find((i) => i.visible && i.id !== 0 && i.label === longTitle),
                               'the long-titled route card found by the search');
    await page.evaluate(() => document.activeElement?.blur());
    assert.ok(card.x >= 0 && card.x + card.width <= 390, `the card inside the screen: ${JSON.stringify(card)}`);
    await settle(page);
    assert.equal((await stats(page)).missingGlyphs, 0, 'every character drawn, "…" included');
    await screenshot(page, 'long-title-catalogue-phone');

    // Home: the group closing first is of this route; its row names the route, cut with "…".
    await page.evaluate(() => { location.hash = '#/'; });
    const groupRow = async () => (await items(page)).find((i) => i.id !== 0 && i.label.startsWith(`${longTitle} · `));
    await waitFor(page, groupRow, 'the group row of the long-titled route');
    await page.mouse.move(195, 400);
    const row = await waitFor(page, async () => {
      const found = await groupRow();
      if (found.visible && found.y + found.height < 740) return found;
      await page.mouse.wheel(0, 200);  // down to 即将截止 below the fold
      return null;
    }, 'the group row scrolled into view');
    const title = (await items(page)).find((i) => i.id === 0 && i.label === longTitle && i.y >= row.y && i.y < row.y + row.height);
    assert.ok(title, 'the row\'s title line');
    assert.ok(title.x + title.width <= row.x + row.width - 14 + 0.5,
              `the title stops inside the row's padding: ends at ${title.x + title.width}, row at ${row.x + row.width}`);
    assert.ok(title.x + title.width > row.x + row.width - 14 - 2 * 17, 'the title uses the row up to its edge: cut, not dropped');
    await settle(page);
    assert.equal((await stats(page)).missingGlyphs, 0);
    await screenshot(page, 'long-title-home-phone');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await longSite.close();
  }
});
