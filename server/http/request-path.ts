import "server-only";
import type { RequestListener } from "node:http";
import { env } from "~/env";
import { textProblem } from "../input/text";
import { documentlessPolicy, staticSecurityHeaders } from "./security-headers";

// Next.js decodes each dynamic path segment with decodeURIComponent and answers a bare 500 when that
// throws ("%", "%E0%A4%A", or "%ED%A0%80", the UTF-8 spelling of a lone surrogate). A segment that
// decodes to a NUL reaches Postgres as a slug or id and fails the query there. Both are the sender's
// mistake, so every request path is checked before Next.js sees it: by the Node server `npm start`
// runs (every path) and by proxy.ts (pages, also where that server does not run, e.g. on Vercel).

// A path segment names a page or a row; line breaks and tabs have no place in one either.
const lineBreakOrTab = /[\t\n\r]/;

const shown = (segment: string) => JSON.stringify(segment.length > 40 ? `${segment.slice(0, 40)}...` : segment);

/**
 * Why the raw (still percent-encoded) `pathname` is refused, as a sentence that starts with "The
 * address is not valid", or null when every segment decodes to acceptable text.
 */
export function pathProblem(pathname: string): string | null {
  for (const segment of pathname.split("/")) {
    // Without "%" a segment is what was sent: the URL parser and Node's HTTP parser take no raw
    // control characters, and raw bytes above ASCII arrive as Latin-1, which must not be judged as text.
    if (!segment.includes("%")) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `The address is not valid: the part ${shown(segment)} has a broken percent-encoding (a "%" must start a complete UTF-8 character such as "%C3%A9"); correct the address and try again.`;
    }
    const problem = textProblem(decoded) ?? (lineBreakOrTab.test(decoded) ? "contains a line break or tab; remove it and try again." : null);
    if (problem) return `The address is not valid: the part ${shown(segment)} ${problem}`;
  }
  return null;
}

/** The path of a request target as it arrives on the wire ("/a/b?x" or "http://host/a/b?x"); null for "*" and the like. */
export function rawPathOf(target: string): string | null {
  if (target.startsWith("/")) return target.replace(/[?#].*$/s, "");
  try {
    // The URL parser leaves percent-encoding in the path as it was sent.
    return new URL(target).pathname;
  } catch {
    return null;
  }
}

/** The 400 for a request whose path `pathProblem` refuses: JSON with a code under /api/, plain text for pages. */
export function invalidPathResponse(pathname: string, message: string): Response {
  // Answered before Next.js, so without the headers next.config.ts adds to its own answers.
  const headers = { ...staticSecurityHeaders({ appUrl: env.APP_URL }), "Content-Security-Policy": documentlessPolicy, "cache-control": "no-store" };
  if (pathname.startsWith("/api/")) return Response.json({ error: { code: "invalid_address", message } }, { status: 400, headers });
  return new Response(`${message}\n`, { status: 400, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}

/**
 * What VendOps's Node server does to every request before Next.js sees it: a path `pathProblem`
 * refuses is answered 400 here, for route handlers and static files as well as pages.
 */
export function refuseInvalidPaths(handle: RequestListener): RequestListener {
  return (request, response) => {
    const pathname = rawPathOf(request.url ?? "/");
    const problem = pathname === null ? null : pathProblem(pathname);
    if (pathname === null || problem === null) return handle(request, response);
    const answer = invalidPathResponse(pathname, problem);
    void answer.text().then((body) => {
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(request.method === "HEAD" ? undefined : body);
    });
  };
}
