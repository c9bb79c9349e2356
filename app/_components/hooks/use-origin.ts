"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** The site's origin ("https://ops.example.com") in the browser; "" while rendering on the server. */
export function useOrigin(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.origin,
    () => "",
  );
}
