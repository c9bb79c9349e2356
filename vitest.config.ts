import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Tests run on the server: the "server-only" marker resolves to its empty module, as in Next.js's server bundles.
const alias = { "~": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js") };
// Secrets for this run only, so tests never read or write a data directory's secrets.json.
const testSecrets = {
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  CRON_SECRET: randomBytes(24).toString("base64url"),
  MACHINE_SECRETS_KEY: randomBytes(32).toString("base64"),
  // Webhook receivers in tests listen on 127.0.0.1.
  WEBHOOK_ALLOW_PRIVATE: "true",
};
const shared = {
  include: ["{server,db,sim,test,app}/**/*.test.ts"],
  exclude: ["e2e/**", "node_modules/**"],
  globalSetup: ["test/global-setup.ts"],
  testTimeout: 30_000,
  // next-auth imports "next/server" without an extension, which Node's ESM loader cannot resolve
  // in next (no exports map); bundled by Vite, the Auth.js route handler runs in tests.
  server: { deps: { inline: ["next-auth"] } },
  hookTimeout: 60_000,
  // Files share a worker's modules instead of importing the app again for each of the ~300 files:
  // each file opens its own database and nothing keeps state between files but caches keyed by
  // ids no two files share (a full run on 2 cores: 527 s -> 247 s, the imports 320 s -> 29 s).
  isolate: false,
};

// Integration tests run on the embedded PGlite, and also on a real Postgres when TEST_DATABASE_URL is set.
export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default in a run is one worker fewer than the cores: one worker on a 2-core machine.
    // Two keep both cores busy while one file waits on Postgres (a full run: 454 s -> 316 s).
    maxWorkers: 2,
    projects: [
      { resolve: { alias }, test: { ...shared, name: "pglite", env: { ...testSecrets, VENDOPS_TEST_DB: "pglite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ resolve: { alias }, test: { ...shared, name: "postgres", env: { ...testSecrets, VENDOPS_TEST_DB: "postgres" } } }]
        : []),
    ],
  },
});
