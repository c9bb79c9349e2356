"use client";

import { useCallback, useSyncExternalStore } from "react";

// Writes in this tab tell the hooks reading the same key; other tabs learn through "storage" events.
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    // Storage can be switched off (private windows, policies): the page then keeps its defaults.
    return null;
  }
}

/**
 * A text kept in this browser's localStorage under `key`, as state. The server render and the first
 * render in the browser read null, so hydration matches; the stored value follows right after.
 */
export function useLocalStorage(key: string): [string | null, (value: string | null) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const write = useCallback(
    (next: string | null) => {
      try {
        if (next === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, next);
      } catch {
        // Not kept: the choice lasts until the page is left.
      }
      for (const listener of listeners) listener();
    },
    [key],
  );
  return [value, write];
}
