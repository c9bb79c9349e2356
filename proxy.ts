import { NextResponse, type NextRequest } from "next/server";

// Redirects only: a visitor without a session cookie goes to sign in and comes back to the page
// they asked for. Whether the session is valid, and what it may see, is decided by the pages and
// procedures themselves.
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  // Files under an org (e.g. /o/{org}/sales/export.csv) are route handlers that answer for themselves.
  if (/\.[a-z0-9]+$/i.test(request.nextUrl.pathname)) return NextResponse.next();
  const names = request.cookies.getAll().map((c) => c.name);
  const hasSession = names.some((name) => sessionCookies.some((s) => name === s || name.startsWith(`${s}.`)));
  if (hasSession) return NextResponse.next();
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/orgs", "/orgs/:path*", "/o/:path*", "/me", "/me/:path*"],
};
