// The first screen in a real browser: dist/ served by a plain static server draws the
// route list at phone and kiosk sizes, with every character drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { staticSiteAndBrowser, openPage, waitReady, items, stats, screenshot, distDir, viewports } from './lib/browser.js';
import { distFile } from './lib/dist_files.js';

const catalogue = JSON.parse(fs.readFileSync(path.join(distDir, distFile('catalogue.json')), 'utf8'));
// A plain static host with no endpoint behind it: the app browses the bundled catalogue.
const fixture = staticSiteAndBrowser();

for (const [name, viewport] of Object.entries(viewports)) {
  test(`route list at ${name} size`, async () => {
    const { page, context, errors } = await openPage(fixture.browser, fixture.site.url, viewport);
    await waitReady(page);
    await screenshot(page, `first-screen-${name}`);  // first, so a failure leaves the evidence
    const shown = await items(page);
    const visibleLabels = new Set(shown.filter((item) => item.visible).map((item) => item.label));
    // The first routes of the catalogue are on screen, as cards labelled with their titles.
    const firstTitles = catalogue.routes.slice(0, 3).map((route) => route.title);
    for (const title of firstTitles) assert.ok(visibleLabels.has(title), `route "${title}" is listed`);
    const cards = shown.filter((item) => item.id !== 0 && item.visible &&
      catalogue.routes.some((route) => route.title === item.label));
    for (const card of cards) {
      assert.ok(card.x >= 0 && card.x + card.width <= viewport.viewport.width + 0.5, 'card fits the width');
      assert.ok(card.height >= 44, 'card is a comfortable touch target');
    }
    const figures = await stats(page);
    assert.equal(figures.missingGlyphs, 0, 'no character drawn as a missing glyph');
    assert.ok(figures.frames >= 1);
    assert.ok(await page.locator('#loader').isHidden(), 'the loading indicator is gone');
    assert.deepEqual(errors, [], 'no errors in the console');
    await context.close();
  });
}

test('a failed download shows a readable message, not a blank page', async () => {
  const broken = await serveStatic(distDir, { hide: [distFile('liaoxiu.wasm')] });
  try {
    const { page, context } = await openPage(fixture.browser, broken.url, viewports.phone);
    await page.locator('#problem').waitFor({ state: 'visible', timeout: 20000 });
    assert.match(await page.locator('#problem-title').textContent(), /加载失败/);
    await screenshot(page, 'download-failed-phone');
    await context.close();
  } finally {
    await broken.close();
  }
});

test('a browser without WebGL2 is told so', async () => {
  const context = await fixture.browser.newContext(viewports.phone);
  await context.addInitScript(() => { delete window.WebGL2RenderingContext; });
  const page = await context.newPage();
  await page.goto(fixture.site.url);
  await page.locator('#problem').waitFor({ state: 'visible', timeout: 20000 });
  assert.match(await page.locator('#problem-title').textContent(), /WebGL2/);
  await context.close();
});
