import { NextResponse, type NextRequest } from "next/server";
import { env } from "~/env";
import { refuseCrossSitePost } from "~/server/web/cross-site-post";
import { PATH_HEADER } from "~/server/web/locale-path";
import { refuseMalformedActionBody } from "~/server/http/action-body";
import { invalidPathResponse, pathProblem } from "~/server/http/request-path";
import { newNonce, pagePolicy, staticSecurityHeaders } from "~/server/http/security-headers";

// First, requests no page should see are refused with a 4xx (see refusal below). Then two jobs.
// Every page gets a Content-Security-Policy with a fresh nonce: Next.js reads it from the
// request's policy and puts it on the scripts it renders. And redirects only: a visitor of /orgs,
// /o or /me without a session cookie goes to sign in and comes back to the page they asked for.
// Whether the session is valid, and what it may see, is decided by the pages and procedures.
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];
const signedInAreas = ["/orgs", "/o", "/me"];

function needsSessionCookie(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  if (!signedInAreas.some((area) => pathname === area || pathname.startsWith(`${area}/`))) return false;
  // Files under an org (e.g. /o/{org}/sales/export.csv) are route handlers that answer for themselves.
  if (/\.[a-z0-9]+$/i.test(pathname)) return false;
  const names = request.cookies.getAll().map((c) => c.name);
  return !names.some((name) => sessionCookies.some((s) => name === s || name.startsWith(`${s}.`)));
}

/** The 4xx for a request no page should see: an address that does not decode, a foreign form, a garbled action body. */
async function refusal(request: NextRequest): Promise<Response | null> {
  // Also checked by scripts/app-server.ts for every path; this covers pages where that server does not run.
  const problem = pathProblem(request.nextUrl.pathname);
  if (problem) return invalidPathResponse(request.nextUrl.pathname, problem);
  return refuseCrossSitePost(request) ?? (await refuseMalformedActionBody(request));
}

export async function proxy(request: NextRequest) {
  const refused = await refusal(request);
  if (refused) return refused;
  const options = { appUrl: env.APP_URL, development: env.NODE_ENV === "development" };
  const policy = pagePolicy(newNonce(), options);
  let response: NextResponse;
  if (needsSessionCookie(request)) {
    const url = new URL("/sign-in", request.url);
    url.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(request.headers);
    headers.set("Content-Security-Policy", policy);
    // The page's path, for the language it is read in (server/web/locale.ts): a request header, so
    // a client cannot set it, since this replaces whatever came in.
    headers.set(PATH_HEADER, request.nextUrl.pathname);
    response = NextResponse.next({ request: { headers } });
  }
  // Set here as well as in next.config.ts so HSTS follows APP_URL at run time, not at build time.
  for (const [name, value] of Object.entries(staticSecurityHeaders(options))) response.headers.set(name, value);
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Every page. Not API routes: their answers get the fixed headers from next.config.ts, and a
  // proxy would buffer their request bodies (machine events, Stripe's webhook). Not Next's static
  // files, which carry no documents.
  matcher: ["/((?!api/|_next/static/|_next/image).*)"],
};
