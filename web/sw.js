// Shelfmark service worker: pre-caches the whole site under a cache named by the build's
// content hash, serves it offline, and deletes older caches once a new build is active.
// BUILD_ID and FILES are written by scripts/stamp-site.mjs at build time.
'use strict';
const BUILD_ID = 'unstamped';
const FILES = [];
const CACHE = 'shelfmark-' + BUILD_ID;
const PREFIX = 'shelfmark-';

self.addEventListener('install', (event) => {
  event.waitUntil(
    // 'no-cache': revalidate with the server (a 304 when the page just loaded the file)
    // instead of downloading everything a second time.
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' }))))
      .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      // Navigation preload: the browser requests the page while this worker starts, instead
      // of after (the warm start waited for the worker, then for the network).
      .then(() => self.registration.navigationPreload && self.registration.navigationPreload.enable())
      .then(() => self.clients.claim())
      .then(() => self.clients.matchAll({ type: 'window' }))
      .then((clients) => clients.forEach((c) => c.postMessage({ shelfmarkBuild: BUILD_ID }))));
});

// Navigations go to the network first (so a new build is picked up on reload) with a
// short timeout, then fall back to the cached page. Everything else is cache-first:
// versioned URLs (?v=BUILD) keep the js, wasm and data of one build together.
self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(networkFirst(req, event.preloadResponse));
    return;
  }
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(req).then((hit) => hit || fetch(req))));
});

function networkFirst(req, preloaded) {
  return new Promise((resolve) => {
    let settled = false;
    const fallback = () => caches.open(CACHE).then((c) => c.match('./index.html')).then((hit) => {
      if (!settled) { settled = true; resolve(hit || Response.error()); }
    });
    const timer = setTimeout(fallback, 3000);
    // The navigation preload's response when there is one, else a fetch of our own.
    Promise.resolve(preloaded).then((pre) => pre || fetch(req)).then((res) => {
      if (settled) return;
      if (!res.ok) { clearTimeout(timer); fallback(); return; }
      settled = true;
      clearTimeout(timer);
      resolve(res);
    }).catch(() => { clearTimeout(timer); fallback(); });
  });
}
