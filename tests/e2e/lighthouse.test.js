// Lighthouse's accessibility audit (npm lighthouse, mobile settings, on Debian's Chromium) of
// the screens a worker from a chat link meets first: home, and a group opened from its link.
// What it audits is the page's DOM: the accessibility tree over the canvas
// (src/platform/web/semantics.*), the document's language and title, the viewport. The score
// is printed and the report written to build/e2e/lighthouse-<screen>.json; the test holds the
// issue's target (≥ 95) and checks the audit really saw the tree (its buttons were named).
// Against the real liaoxiu-server (fresh SQLite database, demo catalogue).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import lighthouse from 'lighthouse';
import { artifactsDir } from './lib/browser.js';
import { startServer } from './lib/server.js';

const kTarget = 0.95;

let server, browser, port;

// A free local port for Chromium's DevTools endpoint, which Lighthouse drives.
const freePort = () => new Promise((resolve, reject) => {
  const probe = net.createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port: found } = probe.address();
    probe.close(() => resolve(found));
  });
});

before(async () => {
  server = await startServer();
  port = await freePort();
  // The same Chromium and flags as the other browser tests (lib/browser.js), reachable by Lighthouse.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
           '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', `--remote-debugging-port=${port}`],
  });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function audit(name, hash) {
  const result = await lighthouse(`${server.url}${hash}`, {
    port,
    onlyCategories: ['accessibility'],
    formFactor: 'mobile',
    output: 'json',
    logLevel: 'error',
    // The app draws its first frame after the wasm and the catalogue have arrived, then fills
    // the tree: give it that time after the load event before the audit reads the page.
    pauseAfterLoadMs: 4000,
    maxWaitForLoad: 60000,
  });
  const report = result.lhr;
  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.writeFileSync(path.join(artifactsDir, `lighthouse-${name}.json`), result.report);
  const score = report.categories.accessibility.score;
  const failing = Object.values(report.audits)
    .filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0)
    .map((a) => `${a.id} (${(a.details?.items ?? []).length} items)`);
  console.log(`Lighthouse accessibility, ${name}: ${Math.round(score * 100)}` +
              (failing.length ? `; failing: ${failing.join(', ')}` : '; no audit failing'));
  return { report, score, failing };
}

for (const [name, hash] of [['home', '#/'], ['group-link', '#/group/g-qz-001']]) {
  test(`Lighthouse accessibility of ${name} is at least ${kTarget * 100}, over the real tree`, async () => {
    const { report, score, failing } = await audit(name, hash);
    // The audit saw the app's controls, not an empty page before the first frame: its
    // buttons were there to be checked for names.
    assert.notEqual(report.audits['button-name'].scoreDisplayMode, 'notApplicable', 'no buttons were audited');
    assert.ok(score >= kTarget, `score ${score}; failing: ${failing.join(', ')}`);
  });
}
