import type { NextConfig } from "next";
// Validates the environment at build and start: a bad environment fails here, not on a request.
import { env } from "./env";
import { documentlessPolicy, staticSecurityHeaders } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdfkit"],
  poweredByHeader: false,
  typedRoutes: false,
  // Every response, including API answers and static files the proxy never sees. Pages replace
  // the policy with their nonced one in proxy.ts.
  async headers() {
    const headers = { ...staticSecurityHeaders({ appUrl: env.APP_URL }), "Content-Security-Policy": documentlessPolicy };
    return [{ source: "/:path*", headers: Object.entries(headers).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
