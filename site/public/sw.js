// Accord service worker: pages the reader opened (and courses they saved) stay readable offline.
// Kept small and dependency-free; scripts/offline-manifest.ts stamps the build id below.
const BUILD = '__BUILD__';
const PAGES = `accord-pages-${BUILD}`;
const ASSETS = `accord-assets-${BUILD}`;
const SAVED_PREFIX = 'accord-saved:'; // saved courses: kept across builds until the reader removes them
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  // The offline pages for every locale are the shell: precache them.
  event.waitUntil(
    fetch('/offline/shell.json')
      .then((r) => r.json())
      .then((urls) => caches.open(PAGES).then((cache) => cache.addAll(urls)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('accord-') && k !== PAGES && k !== ASSETS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const isAsset = (url) => url.pathname.startsWith('/_astro/') || url.pathname.startsWith('/pagefind/');

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (isAsset(url)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate' || (request.headers.get('accept') || '').includes('text/html')) {
    event.respondWith(networkFirst(request, url));
  }
});

async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(ASSETS)).put(request, response.clone());
  return response;
}

async function networkFirst(request, url) {
  const cached = await caches.match(request, { ignoreSearch: true });
  const network = fetch(request).then(async (response) => {
    if (response.ok) (await caches.open(PAGES)).put(request, response.clone());
    return response;
  });
  network.catch(() => undefined); // a late failure after the timeout is not an error
  try {
    if (!cached) return await network;
    const timeout = new Promise((resolve) => setTimeout(() => resolve(cached), NETWORK_TIMEOUT_MS));
    return await Promise.race([network, timeout]);
  } catch {
    if (cached) return cached;
    const locale = (url.pathname.match(/^\/([a-z]{2,3})\//) || [])[1] || 'en';
    return (await caches.match(`/${locale}/offline/`)) || new Response('Offline', { status: 503, headers: { 'content-type': 'text/plain' } });
  }
}
