import { describe, expect, it } from "vitest";
import { documentlessPolicy, newNonce, pagePolicy, staticSecurityHeaders } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("security headers", () => {
  it("gives pages a nonced script policy without eval outside development", () => {
    const nonce = newNonce();
    const policy = directives(pagePolicy(nonce, { appUrl: "https://ops.example.com" }));
    expect(policy.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("worker-src")).toEqual(["'self'"]);
    expect(policy.get("manifest-src")).toEqual(["'self'"]);
    expect(pagePolicy(nonce)).not.toContain("unsafe-eval");
    expect(pagePolicy(nonce, { development: true })).toContain("'unsafe-eval'");
  });

  it("makes a new nonce of 128 bits each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("sends HSTS and upgrades subresources only when APP_URL is https", () => {
    expect(staticSecurityHeaders({ appUrl: "https://ops.example.com" })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(directives(pagePolicy("n", { appUrl: "https://ops.example.com" })).has("upgrade-insecure-requests")).toBe(true);
    for (const appUrl of [undefined, "http://localhost:3000", "http://192.168.1.20:3000"]) {
      expect(staticSecurityHeaders({ appUrl })).not.toHaveProperty("Strict-Transport-Security");
      // On plain http an upgrade would send a phone on the LAN to an https port nobody serves.
      expect(directives(pagePolicy("n", { appUrl })).has("upgrade-insecure-requests")).toBe(false);
    }
  });

  it("forbids framing, sniffing and unused features on every response", () => {
    expect(staticSecurityHeaders()).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(staticSecurityHeaders()["Permissions-Policy"]).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
    expect(directives(documentlessPolicy).get("default-src")).toEqual(["'none'"]);
    expect(directives(documentlessPolicy).get("frame-ancestors")).toEqual(["'none'"]);
  });
});
