// The server Playwright tests run against: the production build through `npm start`'s own script,
// on a database of its own: `<TEST_DATABASE_URL's database>_e2e` (recreated each run) when
// TEST_DATABASE_URL is set, else a fresh embedded PGlite in a temporary directory.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { e2eStateFile } from "./state";

const port = process.env.E2E_PORT ?? "3100";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  APP_URL: `http://localhost:${port}`,
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "vendops-e2e-")),
  DEMO_SEED: "true",
  // Consumers pay with the demo provider (it settles at once), on PGlite and on Postgres alike.
  PAYMENT_PROVIDER: "demo",
  // The specs' webhook receivers listen on 127.0.0.1.
  WEBHOOK_ALLOW_PRIVATE: "true",
  NEXT_TELEMETRY_DISABLED: "1",
  // `npm test` type-checks before the end-to-end run; the build need not do it again.
  BUILD_SKIP_TYPECHECK: "1",
};

if (process.env.TEST_DATABASE_URL) {
  const url = new URL(process.env.TEST_DATABASE_URL);
  const name = `${url.pathname.slice(1) || "postgres"}_e2e`.replace(/[^a-zA-Z0-9_]/g, "_");
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  Object.assign(env, {
    DATABASE_URL: url.toString(),
    DATABASE_DRIVER: "pg",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    CRON_SECRET: randomBytes(24).toString("base64url"),
    MACHINE_SECRETS_KEY: randomBytes(32).toString("base64"),
  });
  console.log(`[e2e] database ${name} on ${url.host}`);
} else {
  console.log(`[e2e] embedded database in ${env.DATA_DIR}`);
}

// Specs read the demo password from `${DATA_DIR}/secrets.json`; tell them where that is.
writeFileSync(e2eStateFile(port), JSON.stringify({ dataDir: env.DATA_DIR }));

const child = spawn("npx", ["tsx", "--import", "./scripts/node/server-only.mjs", "scripts/start.ts"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
