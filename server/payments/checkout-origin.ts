// Where the consumer comes back to after paying. Checkout links must point at the address the
// consumer can reach: a phone on the shop's network opens the server by its LAN address, not by
// "localhost". APP_URL wins when set (it is the public address, and it cannot be chosen by a
// request); without it, the address the request was made to.
import "server-only";
import { env } from "~/env";

/** A Host header value: a hostname or IP literal with an optional port, nothing else. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function validHost(value: string | null): string | null {
  const host = value?.trim().toLowerCase();
  if (!host || host.length > 255 || !HOST.test(host)) return null;
  try {
    // The URL parser has the last word: it refuses ports out of range and malformed IPv6.
    return new URL(`http://${host}`).host ? host : null;
  } catch {
    return null;
  }
}

/**
 * The origin (scheme, host and port) a request was made to, from its Host header, or null when it
 * has none or a malformed one. The scheme is the browser's own (its Origin header) when that names
 * the same host; else X-Forwarded-Proto when it says https; else http.
 */
export function requestOrigin(headers: Headers): string | null {
  const host = validHost(headers.get("host"));
  if (!host) return null;
  const origin = headers.get("origin");
  if (origin) {
    try {
      const url = new URL(origin);
      if ((url.protocol === "http:" || url.protocol === "https:") && url.host === new URL(`${url.protocol}//${host}`).host) return url.origin;
    } catch {
      // An unreadable Origin says nothing about the scheme; fall through.
    }
  }
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

/** The base of checkout links: APP_URL when set, else the request's own origin, else this server on localhost. */
export function checkoutBaseUrl(origin: string | null, appUrl: string | undefined = env.APP_URL): string {
  return (appUrl ?? origin ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
