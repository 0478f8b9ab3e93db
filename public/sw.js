// Vårdkoll's service worker. scripts/service-worker.mjs (a Trunk hook) writes
// this build's version and file list in place of the two placeholders below.
//
// - The app (the hashed build files, every split point too) is precached at
//   install, so the deadline tracker and the pages' code work offline.
// - The page itself and config.json are network-first: online, every load gets
//   the newest page (and with it the newest build), so an old worker never keeps
//   anyone on an old build; offline, the cached copy.
// - Catalogue and statistics are stale-while-revalidate: the last answer at once
//   (the figures carry their reported date), refreshed in the background.
// - Referral requests (with their personal data and status), admin calls and
//   anything that is not a GET are never cached.
// - A new version waits until the patient accepts the app's reload prompt
//   (message "skip-waiting"); old caches are deleted when it takes over.
const VERSION = "__VARDKOLL_VERSION__";
const PRECACHE = __VARDKOLL_PRECACHE__;
const SHELL = `vardkoll-shell-${VERSION}`;
const DATA = "vardkoll-data-v1";
const PAGE = new URL("./", self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll([PAGE, ...PRECACHE.map((path) => new URL(path, PAGE).href)])),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("vardkoll-shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

const CACHED_API = /\/api\/v1\/(regions|services|providers|statistics)(\?|$)/;

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.includes("/api/")) {
    if (CACHED_API.test(url.pathname + url.search)) event.respondWith(staleWhileRevalidate(event, request));
    return; // referrals, admin, anything else: the network only, never stored
  }
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, PAGE));
    return;
  }
  // The runtime configuration may change without a new build (a portal points
  // the app at its own API): always asked for, the cached copy only offline.
  if (url.pathname.endsWith("/config.json")) {
    event.respondWith(networkFirst(request, request.url));
    return;
  }
  event.respondWith(cacheFirst(request));
});

async function networkFirst(request, key) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch {
    return (await cache.match(key)) ?? Response.error();
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreSearch: false });
  return cached ?? fetch(request);
}

async function staleWhileRevalidate(event, request) {
  const cache = await caches.open(DATA);
  const cached = await cache.match(request);
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}
