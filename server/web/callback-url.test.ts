import { describe, expect, it } from "vitest";
import { safeCallbackUrl, safeRedirect } from "./callback-url";

// Each of these reaches another site in a browser, or is not a page of ours at all.
const offSite = [
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r\n/evil.example/",
  "/\t\t//evil.example",
  "//evil.example",
  "//evil.example/orgs",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "https://evil.example/",
  "http://localhost@evil.example/",
  "HTTPS://evil.example",
  "javascript:alert(1)",
  "data:text/html,hi",
  "evil.example",
  "%2F%2Fevil.example",
  "",
  `/${"a".repeat(3000)}`,
];

describe("safeCallbackUrl", () => {
  it.each(offSite)("sends %j to the default page", (value) => {
    expect(safeCallbackUrl(value)).toBe("/orgs");
    expect(safeCallbackUrl(value, "/")).toBe("/");
  });

  it("refuses values that are not strings", () => {
    for (const value of [undefined, null, 42, ["/orgs"], { href: "/orgs" }]) expect(safeCallbackUrl(value)).toBe("/orgs");
  });

  it("keeps paths on this site, in their normalized form", () => {
    expect(safeCallbackUrl("/o/acme/sales?status=failed&from=2026-01-01#top")).toBe("/o/acme/sales?status=failed&from=2026-01-01#top");
    expect(safeCallbackUrl("/m/mch_123")).toBe("/m/mch_123");
    expect(safeCallbackUrl("/o/acme/../acme/machines")).toBe("/o/acme/machines");
    // Encoded slashes and tabs stay encoded: a browser does not read them as a host.
    expect(safeCallbackUrl("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeCallbackUrl("/%09/evil.example")).toBe("/%09/evil.example");
    expect(safeCallbackUrl("/o/a b")).toBe("/o/a%20b");
    expect(safeCallbackUrl("/ /evil.example")).toBe("/%20/evil.example");
  });
});

describe("safeRedirect (Auth.js's redirect callback)", () => {
  const base = "http://localhost:3000";
  it("keeps same-origin targets, relative or absolute, and sends everything else to the base", () => {
    expect(safeRedirect("/orgs", base)).toBe(`${base}/orgs`);
    expect(safeRedirect(`${base}/o/acme?x=1`, base)).toBe(`${base}/o/acme?x=1`);
    for (const value of offSite) expect(safeRedirect(value, base), JSON.stringify(value)).toBe(base);
    expect(safeRedirect("http://localhost:3001/orgs", base)).toBe(base);
  });
});
