// The client's address keys the sign-in throttle, so it must be one the client cannot choose.
// X-Forwarded-For is written by whoever sent the request: only the entries appended by proxies we
// run can be believed. `next start` sets X-Forwarded-For to the socket's address only when the
// request has none and passes a client's own header through unchanged, so VendOps's server
// (scripts/serve.ts) appends the socket's address to it, as a proxy does, and the client is the
// entry TRUSTED_PROXY_HOPS places before it. On Vercel the platform's own header is used: Vercel
// overwrites it with the address it saw, whatever the client sent.
import "server-only";
import type { RequestListener } from "node:http";
import { isIP } from "node:net";
import { env } from "~/env";

export interface ClientAddressSetting {
  /** Running on Vercel: believe x-vercel-forwarded-for / x-real-ip. */
  vercel: boolean;
  /** How many proxies we run in front of the server, each appending to X-Forwarded-For. */
  trustedProxyHops: number;
}

const fromEnvironment = (): ClientAddressSetting => ({ vercel: Boolean(env.VERCEL), trustedProxyHops: Number(env.TRUSTED_PROXY_HOPS) || 0 });

/** An address as a key: IPv4-mapped IPv6 written as IPv4, anything that is not an address refused. */
function normalized(value: string | null | undefined): string | null {
  const address = value?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return address && isIP(address) ? address.toLowerCase() : null;
}

/**
 * The address of the client that sent a request, as far as the proxies we trust vouch for it, or
 * null when no trusted source gave one.
 */
export function clientAddress(headers: Headers, setting: ClientAddressSetting = fromEnvironment()): string | null {
  if (setting.vercel) {
    return normalized(headers.get("x-vercel-forwarded-for")?.split(",")[0]) ?? normalized(headers.get("x-real-ip"));
  }
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  if (chain.length === 0) return null;
  // The last entry is the socket's address; each trusted proxy stands one further to the left.
  // A shorter chain means fewer proxies than configured: the leftmost entry is the best there is.
  return normalized(chain[Math.max(0, chain.length - 1 - setting.trustedProxyHops)]);
}

/**
 * What VendOps's server does to every request before Next.js sees it: append the address of the
 * socket the request came on to X-Forwarded-For, so the header's last entry is always one we saw.
 */
export function recordSocketAddress(handle: RequestListener): RequestListener {
  return (request, response) => {
    const sent = request.headers["x-forwarded-for"];
    const previous = (Array.isArray(sent) ? sent.join(", ") : (sent ?? "")).trim();
    const own = request.socket.remoteAddress ?? "unknown";
    request.headers["x-forwarded-for"] = previous ? `${previous}, ${own}` : own;
    return handle(request, response);
  };
}
