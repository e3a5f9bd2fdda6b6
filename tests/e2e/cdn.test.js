// The static CDN build (tools/package_web.mjs): content-hashed names, precompressed
// siblings, cache rules, relative URLs only, and a service worker that makes a second
// visit work with the network cut and replaces its cache when a new deploy comes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveStatic } from './lib/static_server.js';
import { launch, waitReady, items, screenshot, distDir, repoRoot, viewports } from './lib/browser.js';
import { assetManifest, deskAssets, distFile, precachedAssets } from './lib/dist_files.js';
import { packageWeb } from '../../tools/package_web.mjs';

const PREFIX = '/some/prefix/';
const HASHED = /^(.+)\.([0-9a-f]{10})(\.[a-z]+)$/;
const distNames = fs.readdirSync(distDir);
const servedNames = distNames.filter((name) => !/\.(br|gz)$/.test(name) && name !== '_headers');
const read = (name, dir = distDir) => fs.readFileSync(path.join(dir, name));
const catalogue = JSON.parse(read(distFile('catalogue.json')));
const firstTitle = catalogue.routes[0].title;
let chrome;

before(async () => { chrome = await launch(); });
after(async () => { await chrome?.close(); });

// _headers (Netlify / Cloudflare Pages format) → Map(path → { header: value }).
function parseHeaders(text) {
  const rules = new Map();
  let current = null;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = rules.get(line.trim()) || {};
      rules.set(line.trim(), current);
    } else {
      const colon = line.indexOf(':');
      assert.ok(current && colon > 0, `header line outside a rule: ${line}`);
      current[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}

test('assets carry the hash of their content, and no unhashed copy is left', () => {
  const manifest = assetManifest();
  for (const logical of ['liaoxiu.js', 'liaoxiu.wasm', 'catalogue.json']) assert.ok(manifest[logical], logical);
  for (const [logical, name] of Object.entries(manifest)) {
    const match = HASHED.exec(name);
    assert.ok(match, `${name} has a content hash`);
    assert.equal(`${match[1]}${match[3]}`, logical);
    const digest = crypto.createHash('sha256').update(read(name)).digest('hex');
    assert.ok(digest.startsWith(match[2]), `${name}: the hash is the content's`);
    assert.ok(!distNames.includes(logical), `no unhashed ${logical} beside it`);
  }
  // Nothing hashed that the manifest does not know about (a stale file from an older build).
  const known = new Set(Object.values(manifest));
  for (const name of servedNames) assert.ok(!HASHED.test(name) || known.has(name), `${name} is stale`);
  for (const name of ['index.html', 'config.json', 'manifest.webmanifest', 'sw.js', '_headers']) {
    assert.ok(distNames.includes(name), `${name} is in dist/`);
  }
});

test('every file has .br and .gz siblings that decompress to it', () => {
  assert.ok(servedNames.length >= 10);
  for (const name of servedNames) {
    const original = read(name);
    assert.ok(zlib.brotliDecompressSync(read(`${name}.br`)).equals(original), `${name}.br`);
    assert.ok(zlib.gunzipSync(read(`${name}.gz`)).equals(original), `${name}.gz`);
  }
  // And no orphan: every compressed file belongs to a file.
  for (const name of distNames.filter((n) => /\.(br|gz)$/.test(n))) {
    assert.ok(servedNames.includes(name.replace(/\.(br|gz)$/, '')), `${name} has its original`);
  }
});

test('index.html references only relative URLs, and every one exists', () => {
  const html = read('index.html').toString('utf8');
  const attributes = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]);
  const table = JSON.parse(/var files = (\{[^}]*\});/.exec(html)[1]);
  const urls = [...attributes, ...Object.values(table), 'sw.js']
    .filter((url) => !url.startsWith('data:'));
  assert.ok(urls.includes(distFile('liaoxiu.wasm')) && urls.includes(distFile('liaoxiu.js')));
  for (const url of urls) {
    assert.doesNotMatch(url, /^(?:[a-z][a-z0-9+.-]*:|\/)/i, `${url} is relative`);
    assert.ok(distNames.includes(url), `${url} exists in dist/`);
  }
  assert.doesNotMatch(html, /["'](?:liaoxiu\.js|liaoxiu\.wasm)["']/, 'no unhashed asset name left in the page');
});

test('_headers marks hashed files immutable and entry points short-lived', () => {
  const rules = parseHeaders(read('_headers').toString('utf8'));
  for (const name of Object.values(assetManifest())) {
    const cache = rules.get(`/${name}`)?.['cache-control'] || '';
    assert.match(cache, /\bimmutable\b/, `${name} is immutable`);
    assert.match(cache, /max-age=31536000/, `${name} is cached for a year`);
  }
  for (const name of ['', 'index.html', 'config.json', 'sw.js', 'manifest.webmanifest']) {
    const cache = rules.get(`/${name}`)?.['cache-control'] || '';
    assert.match(cache, /no-cache|max-age=0/, `/${name} is revalidated`);
    assert.doesNotMatch(cache, /immutable/);
  }
});

test('config.json has the agreed settings format', () => {
  const config = JSON.parse(read('config.json'));
  assert.equal(typeof config.api_base, 'string');
  assert.doesNotMatch(config.api_base, /^\//, 'the endpoint address is relative by default');
  assert.equal(typeof config.refresh_seconds, 'number');
  assert.equal(typeof config.kiosk.enabled, 'boolean');
  assert.equal(typeof config.kiosk.idle_seconds, 'number');
});

test('the web manifest names relative start URL and icons that exist at their sizes', () => {
  const manifest = JSON.parse(read('manifest.webmanifest'));
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.ok(manifest.name.includes('疗休'));
  const pngSizes = [];
  for (const icon of manifest.icons) {
    assert.ok(distNames.includes(icon.src), `${icon.src} exists`);
    if (icon.type === 'image/png') {
      const png = read(icon.src);
      const width = png.readUInt32BE(16), height = png.readUInt32BE(20);  // IHDR
      assert.equal(`${width}x${height}`, icon.sizes);
      pngSizes.push(width);
    }
  }
  assert.deepEqual(pngSizes.sort((a, b) => a - b), [192, 512]);
});

// Opens the app, waits for the route list; returns the page's context and page.
async function visit(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(url);
  await waitReady(page);
  const shown = await items(page);
  assert.ok(shown.some((item) => item.visible && item.label === firstTitle), `"${firstTitle}" is listed`);
  return { page, errors };
}

// Waits until the service worker controls the page and its one cache holds `names`;
// returns the cache's name. (Polled from here: waitForFunction does not await promises.)
async function precached(page, names, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await page.evaluate(async (wanted) => {
      const keys = (await caches.keys()).filter((key) => key.startsWith('liaoxiu '));
      if (!navigator.serviceWorker.controller || keys.length !== 1) return { keys, done: false };
      const urls = (await (await caches.open(keys[0])).keys()).map((request) => request.url);
      return { keys, done: wanted.every((name) => urls.some((url) => url.endsWith('/' + name))) };
    }, names);
    if (state.done) return state.keys[0];
    if (Date.now() > deadline) assert.fail(`service worker cache never held ${names.join(', ')} (caches: ${state.keys})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// A CDN with no endpoint behind it: config.json names none, so the app browses the bundle.
const NO_ENDPOINT = { 'config.json': '{}' };

test('served under a path prefix with precompressed files, the app shows the route list', async () => {
  const site = await serveStatic(distDir, { prefix: PREFIX, precompressed: true, overrides: NO_ENDPOINT });
  const context = await chrome.browser.newContext({ ...viewports.phone, serviceWorkers: 'block' });
  try {
    const { page, errors } = await visit(context, site.url);
    await screenshot(page, 'cdn-prefix-phone');
    assert.deepEqual(errors, [], 'no errors in the console');
    for (const request of site.requests) {
      assert.ok(request.path.startsWith(PREFIX), `${request.path} stays under the prefix`);
      assert.equal(request.status, 200, `${request.path} is found`);
    }
    const wasm = site.requests.find((request) => request.path.endsWith(distFile('liaoxiu.wasm')));
    assert.equal(wasm.encoding, 'br', 'the wasm travels brotli-compressed');
  } finally {
    await context.close();
    await site.close();
  }
});

test('a second visit with the network cut loads from the service worker', async () => {
  const site = await serveStatic(distDir, { prefix: PREFIX, precompressed: true, overrides: NO_ENDPOINT });
  const context = await chrome.browser.newContext(viewports.phone);
  try {
    const { page } = await visit(context, site.url);
    // Everything of the worker's app; the secretariat's desk (desk.html's own wasm) is never precached on a phone.
    const manifest = assetManifest();
    const desk = deskAssets.map((logical) => manifest[logical]);
    assert.ok(desk.every(Boolean), 'the build has the desk entry page');
    const cache = await precached(page, [...precachedAssets(), 'index.html', 'config.json']);
    const cachedUrls = await page.evaluate(async (key) => (await (await caches.open(key)).keys()).map((r) => r.url), cache);
    for (const name of [...desk, 'desk.html']) assert.ok(!cachedUrls.some((url) => url.endsWith('/' + name)), `${name} is not precached`);
    // Cut the network both ways: the browser is offline and the host is gone.
    await site.close();
    await context.setOffline(true);
    const served = site.requests.length;
    const second = await visit(context, site.url);
    assert.ok(await second.page.evaluate(() => navigator.serviceWorker.controller !== null),
              'the page is served by the service worker');
    assert.equal(site.requests.length, served, 'nothing reached the host');
    await screenshot(second.page, 'cdn-offline-second-visit-phone');
    assert.deepEqual(second.errors, [], 'no errors in the console');
  } finally {
    await context.close();
    await site.close();
  }
});

test('a new deploy replaces the cached build', async () => {
  // The next deploy: the same program with an edited catalogue, so one hashed name changes.
  const nextDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaoxiu-next-deploy-'));
  const editedCatalogue = path.join(nextDir, 'catalogue.json');
  fs.writeFileSync(editedCatalogue, `${JSON.stringify(catalogue)}\n`);
  const next = await packageWeb({
    out: path.join(nextDir, 'dist'), js: path.join(distDir, distFile('liaoxiu.js')),
    wasm: path.join(distDir, distFile('liaoxiu.wasm')), catalogue: editedCatalogue,
    shell: path.join(repoRoot, 'shell', 'index.html'), web: path.join(repoRoot, 'web'), headersBase: '/',
  });
  const oldCatalogue = distFile('catalogue.json');
  assert.notEqual(next.hashed['catalogue.json'], oldCatalogue);

  let site = await serveStatic(distDir, { prefix: PREFIX });
  const port = new URL(site.url).port;
  const context = await chrome.browser.newContext(viewports.phone);
  try {
    const { page } = await visit(context, site.url);
    const firstCache = await precached(page, [oldCatalogue]);
    await site.close();
    site = await serveStatic(path.join(nextDir, 'dist'), { prefix: PREFIX, port: Number(port) });
    const second = await visit(context, site.url);
    // The loader asks the registration to look for a new deploy. Under playwright that update()
    // stays pending until another service-worker job is queued (cause not found), so the test
    // queues one more; both then resolve together.
    await second.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const nextCache = await precached(second.page, [next.hashed['catalogue.json']]);
    assert.notEqual(nextCache, firstCache, 'a new cache for the new build');
    assert.ok(nextCache.endsWith(next.build));
    const stale = await second.page.evaluate(async ([key, name]) =>
      (await (await caches.open(key)).keys()).some((request) => request.url.endsWith('/' + name)), [nextCache, oldCatalogue]);
    assert.equal(stale, false, 'the old catalogue is gone from the cache');
  } finally {
    await context.close();
    await site.close();
    fs.rmSync(nextDir, { recursive: true, force: true });
  }
});
