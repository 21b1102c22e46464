// LiverLog's service worker. The server serves it at /sw.js (scope: the whole site) with
// two constants written in front of this file: VERSION, which changes whenever a cached
// file does, and SHELL, the static files' URLs as the pages link them (hashed names in
// production). It keeps those files and the last Today page, so that Today opens with no
// network; entries made offline wait in the page's IndexedDB (static/js/offline.js).
/* global VERSION, SHELL */
"use strict";

const CACHE = "liverlog-" + VERSION;
const TODAY = "/today/";

async function keepToday(response) {
  // Only a real Today page: a redirect to the log-in page must not stand in for it.
  if (response.ok && !response.redirected) {
    const cache = await caches.open(CACHE);
    await cache.put(TODAY, response.clone());
  }
  return response;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL);
      try {
        await keepToday(await fetch(TODAY, { credentials: "same-origin" }));
      } catch (error) {
        // Offline while installing: Today is kept at the next visit.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("liverlog-") && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

async function fromCacheFirst(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function todayFromNetwork(request) {
  try {
    return await keepToday(await fetch(request));
  } catch (error) {
    const hit = await caches.match(TODAY);
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return; // posts go to the network, or wait in the page
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(fromCacheFirst(request));
  } else if (request.mode === "navigate" && url.pathname === TODAY && !url.search) {
    event.respondWith(todayFromNetwork(request));
  } else if (request.mode === "navigate") {
    // Any other page offline: Today, which works without a network, rather than an error.
    event.respondWith(
      fetch(request).catch(async (error) => (await caches.match(TODAY)) || Promise.reject(error)),
    );
  }
});

// Logging out: forget the cached Today, which holds the person's entries.
self.addEventListener("message", (event) => {
  if (event.data === "forget") {
    event.waitUntil(caches.open(CACHE).then((cache) => cache.delete(TODAY)));
  }
});
