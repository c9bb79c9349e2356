import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
// Validates the environment at build and start: a bad environment fails here, not on a request.
import { env } from "./env";
import { documentlessPolicy, staticSecurityHeaders } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdfkit"],
  // Chinese PDFs read Noto Sans SC from node_modules at run time (server/i18n/pdf-fonts.ts): the
  // functions that make PDFs (downloads, receipts, statements mailed through tRPC) carry the two weights.
  outputFileTracingIncludes: Object.fromEntries(
    ["/o/**", "/h/**", "/me/**", "/order/**", "/api/trpc/**"].map((route) => [route, ["./node_modules/@expo-google-fonts/noto-sans-sc/{400Regular,700Bold}/*.ttf"]]),
  ),
  poweredByHeader: false,
  typedRoutes: false,
  // The end-to-end server builds after `npm test` has type-checked the whole project, so its build
  // skips the second, identical check (e2e/serve.ts sets this). Every other build checks types.
  typescript: { ignoreBuildErrors: process.env.BUILD_SKIP_TYPECHECK === "1" },
  // Every response, including API answers and static files the proxy never sees. Pages replace
  // the policy with their nonced one in proxy.ts.
  async headers() {
    const headers = { ...staticSecurityHeaders({ appUrl: env.APP_URL }), "Content-Security-Policy": documentlessPolicy };
    return [{ source: "/:path*", headers: Object.entries(headers).map(([key, value]) => ({ key, value })) }];
  },
};

// Messages and the language of each request: i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

export default withNextIntl(nextConfig);
