// Offline app shell: precaches index.html and the built assets (listed in asset-manifest.json at install),
// serves same-origin GETs cache-first for assets and network-first (falling back to cache) for navigations;
// the sync API is left to the network.
const CACHE = 'incident-console-shell-v1';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    let assets = [];
    try {
      const res = await fetch('./asset-manifest.json', { cache: 'no-store' });
      if (res.ok) assets = await res.json();
    } catch { /* offline at install: precache what we can */ }
    await cache.addAll(['./', './index.html', './favicon.svg', ...assets]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The sync API (served by the same server in the shared setup) must never come from the cache.
  if (/\/(api|healthz|readyz)(\/|$)/.test(url.pathname)) return;
  if (req.mode === 'navigate') {
    event.respondWith((async () => {
      const cachedShell = async () => (await caches.match('./index.html', { ignoreVary: true })) || (await caches.match('./', { ignoreVary: true }));
      try {
        const fresh = await fetch(req);
        if (fresh.ok) {
          const copy = fresh.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put('./index.html', copy)));
          return fresh;
        }
        // A server error or a half-restarted server must not replace a shell we have.
        return (await cachedShell()) || fresh;
      } catch {
        return (await cachedShell()) || Response.error();
      }
    })());
    return;
  }
  event.respondWith((async () => {
    // ignoreVary: vite preview and many servers send "Vary: Origin"; module scripts carry an Origin header, precache did not.
    const cached = await caches.match(req, { ignoreVary: true });
    if (cached) return cached;
    try {
      const fresh = await fetch(req);
      if (fresh.ok) { const copy = fresh.clone(); event.waitUntil(caches.open(CACHE).then((cache) => cache.put(req, copy))); }
      return fresh;
    } catch {
      return Response.error();
    }
  })());
});
