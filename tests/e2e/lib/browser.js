// Debian's Chromium, headless, through playwright-core (never a downloaded browser).
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const distDir = process.env.LIAOXIU_DIST || path.join(repoRoot, 'build', 'web', 'dist');
export const artifactsDir = process.env.LIAOXIU_ARTIFACTS || path.join(repoRoot, 'build', 'e2e');

export const viewports = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  kiosk: { viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 1, isMobile: false, hasTouch: true },
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

// Polls `predicate` every 100 ms until it gives something truthy; fails the test naming `what`.
export async function waitFor(page, predicate, what, timeout = 10000) {
  const started = Date.now();
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() - started > timeout) assert.fail(`timed out waiting for ${what}`);
    await page.waitForTimeout(100);
  }
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
