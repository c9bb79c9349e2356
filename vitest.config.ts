import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname) };
const shared = {
  include: ["{server,db,sim,test,app}/**/*.test.ts"],
  exclude: ["e2e/**", "node_modules/**"],
  globalSetup: ["test/global-setup.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

// Integration tests run on the embedded PGlite, and also on a real Postgres when TEST_DATABASE_URL is set.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { ...shared, name: "pglite", env: { VENDOPS_TEST_DB: "pglite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ resolve: { alias }, test: { ...shared, name: "postgres", env: { VENDOPS_TEST_DB: "postgres" } } }]
        : []),
    ],
  },
});
