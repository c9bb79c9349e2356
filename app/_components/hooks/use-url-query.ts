"use client";

import { usePathname, useSearchParams, type ReadonlyURLSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * The page's query string as state: filters live in the URL, so they survive a reload and can be
 * shared. Writing replaces the history entry without a server round trip (Next keeps
 * `useSearchParams` in step with `history.replaceState`).
 */
export function useUrlQuery(): [ReadonlyURLSearchParams, (changes: Record<string, string | null | undefined>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const update = useCallback(
    (changes: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );
  return [params, update];
}
