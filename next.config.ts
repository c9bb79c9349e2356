import type { NextConfig } from "next";
// Validates the environment at build and start: a bad environment fails here, not on a request.
import "./env";

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdfkit"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
