// The technician's route page offline: registered from that page only, with its scope.
// - The page itself: network first, the last copy when there is no network.
// - Next's static files (their names change with their content): the cache first.
// - Everything else (the API above all) goes to the network untouched: visits saved offline wait
//   in the page's own queue (IndexedDB), never in this worker.
const CACHE = "vendops-route-v1";

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const isStatic = (url) => url.origin === self.location.origin && (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/"));
const inScope = (url) => url.origin === self.location.origin && url.href.startsWith(self.registration.scope);

/** Keeps a good answer: same origin, 200, and not the sign-in page a lapsed session was sent to. */
async function keep(cache, key, response) {
  if (response.ok && response.type === "basic" && !response.redirected) await cache.put(key, response.clone());
  return response;
}

// The page hands over what it loaded before this worker was there.
self.addEventListener("message", (event) => {
  const { type, page, files } = event.data ?? {};
  if (type !== "keep") return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const urls = (Array.isArray(files) ? files : []).filter((u) => typeof u === "string" && isStatic(new URL(u)));
      await Promise.allSettled(urls.map(async (u) => ((await cache.match(u)) ? null : keep(cache, u, await fetch(u)))));
      // Files of earlier builds the page no longer loads: dropped, so the cache does not grow with each release.
      const current = new Set(urls);
      for (const request of urls.length > 0 ? await cache.keys() : []) {
        if (new URL(request.url).pathname.startsWith("/_next/static/") && !current.has(request.url)) await cache.delete(request);
      }
      if (typeof page === "string" && inScope(new URL(page, self.location.origin))) {
        const url = new URL(page, self.location.origin).href;
        if (await cache.match(url)) return;
        await fetch(url, { credentials: "same-origin" }).then((r) => keep(cache, url, r)).catch(() => null);
      }
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (request.mode === "navigate" && inScope(url)) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        // Per route (`?route=`): each keeps the day it showed last.
        const key = url.origin + url.pathname + url.search;
        try {
          const response = await fetch(request);
          // Signed out (sent to sign in): every copy of the page goes too.
          if (response.redirected) {
            for (const kept of await cache.keys(key, { ignoreSearch: true })) await cache.delete(kept);
          }
          return await keep(cache, key, response);
        } catch (error) {
          const kept = (await cache.match(key)) ?? (await cache.match(key, { ignoreSearch: true }));
          if (kept) return kept;
          throw error;
        }
      })(),
    );
    return;
  }
  if (isStatic(url)) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        return (await cache.match(request)) ?? keep(cache, request, await fetch(request));
      })(),
    );
  }
});
