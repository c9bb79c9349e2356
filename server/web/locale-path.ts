import "server-only";

/** The request header the proxy sets to the page's path, so the language can depend on the page. */
export const PATH_HEADER = "x-vendops-path";

/**
 * Consumer pages (a machine's pay page, an order, a consumer's own purchases) follow the browser's
 * language: a consumer never chose one. Every other page follows the signed-in person's choice.
 */
export function followsBrowser(path: string): boolean {
  return /^\/(m|order|me)(\/|$)/.test(path);
}
