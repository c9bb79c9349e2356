// Where to go after signing in or out comes from the query string or a form field, so anyone can
// write it into a link. Browsers and URL parsers forgive a lot ("/\t/evil.example" drops the tab and
// becomes "//evil.example", "/\evil.example" is "//evil.example" too), so the value is not checked
// by its spelling: it is resolved against this site as a browser would, and only a result on this
// site is kept, written out again in its normalized form.
import "server-only";

// Any origin works as the base: only whether the result stays on it matters.
const base = new URL("http://vendops.invalid");

/**
 * The path on this site that `value` leads to ("/o/acme/sales?x=1"), or `fallback` when it is not
 * a string, leads to another site or scheme, or is too long to be a real page.
 */
export function safeCallbackUrl(value: unknown, fallback = "/orgs"): string {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/")) return fallback;
  let target: URL;
  try {
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin || target.username || target.password) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // "/.//evil.example" normalizes to "//evil.example", which a browser reads as another host.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}

/**
 * Auth.js's redirect check: a same-origin target (relative, or absolute on `baseUrl`) is kept,
 * anything else goes to `baseUrl`.
 */
export function safeRedirect(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  let candidate = url;
  if (!url.startsWith("/")) {
    try {
      const absolute = new URL(url);
      if (absolute.origin !== origin) return baseUrl;
      candidate = `${absolute.pathname}${absolute.search}${absolute.hash}`;
    } catch {
      return baseUrl;
    }
  }
  const path = safeCallbackUrl(candidate, "");
  return path ? `${origin}${path}` : baseUrl;
}
