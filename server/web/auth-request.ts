import "server-only";
import { NextRequest } from "next/server";
import { safeCallbackUrl } from "./callback-url";

// Auth.js refuses a request whose `callbackUrl` query parameter or callback-url cookie is not an
// http(s) URL ("\0/orgs", "javascript:alert(1)", 10,000 characters) by answering 500 "There is a
// problem with the server configuration". Such a target is the sender's, not the server's fault, so
// it is replaced with the safe one before Auth.js sees the request, and the visitor is redirected as
// usual. The `callbackUrl` form field of a POST needs no rewriting: Auth.js only passes it through
// the redirect callback in next-auth.ts, which already keeps same-site paths only.

const callbackCookies = ["authjs.callback-url", "__Secure-authjs.callback-url"];

/** `value` when it is a safe target on `origin` (a path, or an absolute URL on it), else the safe default. */
function safeTarget(value: string, origin: string): string {
  if (value.startsWith("/")) return safeCallbackUrl(value);
  try {
    const url = new URL(value);
    if (url.origin === origin) return `${origin}${safeCallbackUrl(`${url.pathname}${url.search}${url.hash}`)}`;
  } catch {
    // Not a URL at all: the default below.
  }
  return safeCallbackUrl(null);
}

/** `request`, or a copy of it whose callback targets are safe ones, for Auth.js's route handlers. */
export function withSafeCallbackUrls(request: NextRequest): NextRequest {
  const url = new URL(request.url);
  let changed = false;
  const target = url.searchParams.get("callbackUrl");
  if (target !== null && safeTarget(target, url.origin) !== target) {
    url.searchParams.set("callbackUrl", safeTarget(target, url.origin));
    changed = true;
  }
  const headers = new Headers(request.headers);
  for (const name of callbackCookies) {
    const value = request.cookies.get(name)?.value;
    if (value === undefined || safeTarget(value, url.origin) === value) continue;
    // The other cookies are kept exactly as sent.
    const kept = (headers.get("cookie") ?? "").split(";").filter((pair) => pair.split("=")[0]!.trim() !== name);
    headers.set("cookie", kept.join(";"));
    changed = true;
  }
  if (!changed) return request;
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : request.body;
  const init = { method: request.method, headers, body, duplex: "half" };
  return new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]);
}
