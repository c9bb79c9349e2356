/**
 * Where to go after signing in: the requested path if it is a path on this site ("/..." but not
 * "//host" or "/\host", which browsers treat as another site), else the list of organizations.
 */
export function safeCallbackUrl(value: unknown, fallback = "/orgs"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  if (value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
