// Debian's Chromium, headless, through playwright-core (never a downloaded browser).
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static_server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const distDir = process.env.LIAOXIU_DIST || path.join(repoRoot, 'build', 'web', 'dist');
export const artifactsDir = process.env.LIAOXIU_ARTIFACTS || path.join(repoRoot, 'build', 'e2e');

export const viewports = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  kiosk: { viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1, isMobile: false, hasTouch: true },
  office: { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, isMobile: false, hasTouch: true },
};

export async function launch() {
  // playwright gives every launch a fresh, temporary profile. The flags keep Chromium off the closed network and give it WebGL2 through SwiftShader.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
           '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
           '--disable-sync'],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

// Opens `url` in a fresh context with the given viewport; collects console errors.
export async function openPage(browser, url, viewport) {
  const context = await browser.newContext(viewport);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(url);
  return { page, context, errors };
}

// The app at `url` on a fresh device (its own storage and service worker), ready to use;
// `errors` collects the page's uncaught exceptions.
export async function openApp(browser, url, viewport = viewports.phone) {
  const context = await browser.newContext(viewport);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  await waitReady(page);
  return { context, page, errors };
}

export async function waitReady(page, timeout = 60000) {
  await page.waitForFunction(() => window.liaoxiu && window.liaoxiu.ready === true, null, { timeout });
}

export const items = (page) => page.evaluate(() => window.liaoxiu.items());
export const stats = (page) => page.evaluate(() => window.liaoxiu.stats());

export async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// The middle of an item from window.liaoxiu.items(): where a finger or a click lands.
export const centre = (item) => ({ x: item.x + item.width / 2, y: item.y + item.height / 2 });

// Polls `predicate` every 100 ms until it gives something truthy; fails the test naming
// `what` and listing what the app shows, so a failure says where the app really was.
export async function waitFor(page, predicate, what, timeout = 15000) {
  const started = Date.now();
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() - started > timeout) {
      const shown = await items(page).then((all) => all.filter((i) => i.visible && i.label).map((i) => i.label),
                                           () => 'unknown: the page gives no items');
      assert.fail(`timed out waiting for ${what}; on screen: ${JSON.stringify(shown)}`);
    }
    await page.waitForTimeout(100);
  }
}

// Resolves after the page has run `count` more animation frames: whatever input was sent
// before has reached the app's loop (which runs in requestAnimationFrame).
export async function animationFrames(page, count = 2) {
  await page.evaluate((n) => new Promise((resolve) => {
    const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  }), count);
}

// Waits until no frame has been drawn for `quiet` ms (the app draws only on change), so
// whatever an input set off (a tap's release, a move to another screen) has happened.
export async function settle(page, quiet = 600) {
  let frames = (await stats(page)).frames;
  for (let tries = 0; tries < 50; tries++) {
    await page.waitForTimeout(quiet);
    const now = (await stats(page)).frames;
    if (now === frames) return;
    frames = now;
  }
}

// The fixture most tests share: Debian's Chromium, and dist/ on a plain static host with
// `siteOptions` (see static_server.js; by default no endpoint, so the bundled catalogue).
// Registers node:test's before/after hooks; the returned object holds `site` and `browser`
// once the tests run.
export function staticSiteAndBrowser(siteOptions = { overrides: { 'config.json': '{}' } }) {
  const fixture = { site: null, browser: null };
  let chrome;
  before(async () => {
    fixture.site = await serveStatic(distDir, siteOptions);
    chrome = await launch();
    fixture.browser = chrome.browser;
  });
  after(async () => {
    await chrome?.close();
    await fixture.site?.close();
  });
  return fixture;
}
