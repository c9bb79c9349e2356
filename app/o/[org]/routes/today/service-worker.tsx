"use client";

import { useEffect } from "react";

/**
 * Registers the route page's service worker (public/sw.js), confined to this page, so the page
 * opens without a network; then hands it the page and the files it loaded to keep, since they
 * were fetched before the worker was there to see them. Production builds only: in development
 * the files change under the same names.
 */
export function ServiceWorker({ scope }: { scope: string }) {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let cancelled = false;
    void (async () => {
      try {
        await navigator.serviceWorker.register("/sw.js", { scope });
        const registration = await navigator.serviceWorker.ready;
        if (cancelled) return;
        const files = performance
          .getEntriesByType("resource")
          .map((e) => e.name)
          .filter((url) => url.startsWith(`${location.origin}/_next/static/`));
        registration.active?.postMessage({ type: "keep", page: location.pathname + location.search, files });
      } catch {
        // Without a worker the page still works online; queued visits live in IndexedDB either way.
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [scope]);
  return null;
}
