// Service worker: makes a second visit work offline. tools/package_web.mjs fills in the
// build's file list; everything else here is fixed.
//   - content-hashed files: cache first (their bytes never change under a name)
//   - index.html and config.json: network first, the cached copy when the network fails
//     or is too slow, so a fresh deploy or a new endpoint address is picked up at once
//   - anything else (the endpoint's /api/ answers, other origins): not touched
'use strict';

const BUILD = '__LIAOXIU_BUILD__';
const HASHED = __LIAOXIU_HASHED__;          // e.g. ["liaoxiu.0123abcd45.js", ...]
const FRESH = ['index.html', 'config.json']; // short-lived, fetched network first
const NETWORK_TIMEOUT_MS = 4000;

// Several copies of the app may live on one origin under different path prefixes:
// each keeps its own caches, named after its scope.
const SCOPE = self.registration.scope;
const CACHE_PREFIX = 'liaoxiu ' + SCOPE + ' ';
const CACHE = CACHE_PREFIX + BUILD;

const inScope = (name) => new URL(name, SCOPE).href;
const hashedUrls = new Set(HASHED.map(inScope));
const freshUrls = new Set(FRESH.map(inScope));
const indexUrl = inScope('index.html');

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Hashed files may come from the HTTP cache (they are immutable); the short-lived
    // ones must be this deploy's.
    await cache.addAll(HASHED.map((name) => new Request(inScope(name))));
    await cache.addAll(FRESH.map((name) => new Request(inScope(name), { cache: 'no-cache' })));
    await self.skipWaiting();
  })());
});

// A new deploy's files replace the old ones: drop every other build's cache of this scope.
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  if (url.pathname.includes('/api/')) return;  // the endpoint's answers are never cached
  const bare = url.origin + url.pathname;     // ignore query strings such as ?utm=…

  if (hashedUrls.has(bare)) {
    event.respondWith(cacheFirst(request, bare));
  } else if (request.mode === 'navigate') {
    // The page itself, however it is addressed (prefix/, prefix/index.html, ?from=chat).
    const isIndex = bare === SCOPE || bare === indexUrl;
    event.respondWith(networkFirst(request, indexUrl, isIndex));
  } else if (freshUrls.has(bare)) {
    event.respondWith(networkFirst(request, bare, true));
  }
});

async function cacheFirst(request, key) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(key, response.clone());
  return response;
}

// Answers from the network, or from the cache when the network fails or takes longer than
// NETWORK_TIMEOUT_MS (a kiosk on a bad line should not hang). `store` says whether a
// good answer replaces the cached copy under `key`.
async function networkFirst(request, key, store) {
  const cache = await caches.open(CACHE);
  const fromNetwork = fetch(request).then(async (response) => {
    if (store && response.ok) await cache.put(key, response.clone());
    return response;
  });
  fromNetwork.catch(() => {});  // a late failure after the timeout answered is not an error
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, null));
  try {
    const first = await Promise.race([fromNetwork, timeout]);
    if (first) return first;
  } catch (error) {
    // offline or refused: fall through to the cached copy
  }
  const cached = await cache.match(key);
  if (cached) return cached;
  return fromNetwork;  // nothing cached: wait for the network, or fail as the browser would
}
