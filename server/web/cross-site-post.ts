// Forms and server actions post to page paths, and a cookie-carrying POST from another site is how
// cross-site request forgery works. Next.js refuses a server action whose Origin is not this host,
// but by throwing, which answers 500; the proxy refuses such a request first, with 403 and a
// reason. The test is Next.js's own (its action handler): the Origin's host against the first
// X-Forwarded-Host, else Host. A request without Origin is let through as Next.js does (browsers
// always send one on POST; other clients carry no one's cookies unless given them).
import "server-only";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** The 403 for a POST (or other unsafe method) to a page from another site; null otherwise. */
export function refuseCrossSitePost(request: Request): Response | null {
  if (safeMethods.has(request.method)) return null;
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin === "null" ? null : new URL(origin).host;
  } catch {
    // An Origin that is not a URL is no origin of ours.
  }
  if (originHost && host && originHost === host) return null;
  return Response.json(
    { error: "This form was sent from another site. Open VendOps at its own address and submit it there." },
    { status: 403 },
  );
}
