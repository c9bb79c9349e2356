/**
 * The security headers every response carries. Pages get a Content-Security-Policy with a fresh
 * nonce from proxy.ts (Next.js reads the nonce from the request's policy and puts it on its own
 * scripts); everything the proxy does not see (API answers, static files) gets the strict policy
 * for non-documents from next.config.ts.
 */

interface HeaderOptions {
  /** The app's public address (APP_URL); an https address turns on HSTS and upgrades subresources. */
  appUrl?: string;
  /** `next dev` only: React rebuilds server error stacks in the browser with eval. */
  development?: boolean;
}

export const isHttps = (appUrl: string | undefined) => appUrl?.startsWith("https:") ?? false;

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

const join = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");

/** The policy of an HTML page rendered with `nonce`. */
export function pagePolicy(nonce: string, options: HeaderOptions = {}): string {
  return join({
    "default-src": ["'self'"],
    // 'strict-dynamic': the chunks Next's nonced runtime loads are trusted; nothing else runs.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    // Style attributes (Radix positions popovers with them) and the style tags Radix and Next
    // insert cannot all carry the nonce; styles cannot run code, so inline styles are allowed.
    "style-src": ["'self'", "'unsafe-inline'"],
    // Operators give products image URLs on any https host.
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    // The route page's service worker (public/sw.js) and its installable-app manifest.
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    // Forms post to the app only. Paying leaves for Stripe Checkout by a navigation, which this
    // does not restrict; a form that posts and is redirected there would need it listed here.
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(isHttps(options.appUrl) ? { "upgrade-insecure-requests": [] } : {}),
  });
}

/**
 * The policy of everything that is not a page: JSON, CSV and PDF answers, static files. Inline
 * styles only keep Auth.js's own error page under /api/auth legible.
 */
export const documentlessPolicy = join({
  "default-src": ["'none'"],
  "style-src": ["'unsafe-inline'"],
  "frame-ancestors": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
});

/** Headers that do not change per response (all but the page's Content-Security-Policy). */
export function staticSecurityHeaders(options: HeaderOptions = {}): Record<string, string> {
  return {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // Features no page uses, turned off so an injected frame or script cannot ask for them.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(isHttps(options.appUrl) ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
