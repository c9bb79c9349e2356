/**
 * Where to go after signing in: the requested path if it is a path on this site ("/..." but not
 * "//host" or "/\host", which browsers treat as another site), else the list of organizations.
 */
export function safeCallbackUrl(value: unknown, fallback = "/orgs"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  if (value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

/** Whether the page to go back to is a consumer's (a machine's page, an order, their account). */
export function isConsumerPath(path: string): boolean {
  return /^\/(me|order|m)(\/|\?|$)/.test(path);
}
