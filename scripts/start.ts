// `npm start`: builds if the sources changed, applies pending migrations, seeds the demo operator
// on the embedded database (`npm start -- --china`: the Shanghai one too), then serves the app (one
// process per core on Postgres, see serverProcesses) and prints how to sign in.
import "../db/load-env";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { chooseDriver } from "../db/client";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
const stampFile = path.join(root, ".next", "vendops-source-stamp");
// sim/ is in the server bundle too: instrumentation.ts starts the live demo machines, which use it.
const sourceRoots = ["app", "server", "db", "sim", "public", "env.ts", "instrumentation.ts", "proxy.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

/** A fingerprint of everything the build depends on: paths, sizes and modification times. */
function sourceStamp(): string {
  const hash = createHash("sha256");
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) if (!entry.startsWith(".") && entry !== "node_modules") walk(path.join(p, entry));
    } else if (!/\.test\.ts$/.test(p)) {
      hash.update(`${path.relative(root, p)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const entry of sourceRoots) walk(path.join(root, entry));
  // next.config.ts writes HSTS into the build's headers when APP_URL is https.
  hash.update(`APP_URL=${process.env.APP_URL ?? ""}\n`);
  return hash.digest("hex");
}

function buildIfNeeded() {
  const stamp = sourceStamp();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
  if (built) return;
  console.log("Building VendOps for production (first start or sources changed; about a minute)...");
  const result = spawnSync(nextBin, ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) fail("The build failed; see the messages above.");
  writeFileSync(stampFile, stamp);
}

/**
 * How many server processes share the port: WEB_CONCURRENCY, else one per core. Always one on the
 * embedded database: PGlite allows a single writer, and every process would open it.
 */
function serverProcesses(env: { DATABASE_URL?: string; DATABASE_DRIVER?: "pglite" | "neon" | "pg"; WEB_CONCURRENCY?: number }): number {
  if (chooseDriver({ url: env.DATABASE_URL, driver: env.DATABASE_DRIVER }) === "pglite") {
    if (env.WEB_CONCURRENCY && env.WEB_CONCURRENCY > 1) {
      console.log(`WEB_CONCURRENCY=${env.WEB_CONCURRENCY} is not used: the embedded database (PGlite) allows one writer, so one server process serves. Set DATABASE_URL to a Postgres server for more.`);
    }
    return 1;
  }
  return env.WEB_CONCURRENCY ?? availableParallelism();
}

async function waitForHealth(url: string, child: ReturnType<typeof spawn>): Promise<boolean> {
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function main() {
  const started = performance.now();
  const { env } = await import("../env").catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
  const { chinaDemoRequested, prepareDatabase } = await import("./prepare-database");
  let china = false;
  try {
    china = chinaDemoRequested();
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}. Options: --china (seed the Shanghai demo operator too).`);
  }
  buildIfNeeded();
  const demo = await prepareDatabase({ china }).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
  const port = String(env.PORT);
  const processes = serverProcesses(env);
  // The server's own primary numbers its workers; a number inherited from the shell would be wrong.
  const serverEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  delete serverEnv.VENDOPS_WORKER;
  // Idle keep-alive connections stay open for 65 s rather than Node's 5 s, longer than load balancers
  // keep theirs, so a client seldom sends a request on a socket the server is just closing.
  // scripts/app-server.ts serves the build as `next start` would, records each socket's address,
  // and runs `processes` copies of itself on the port.
  const args = ["--import", "./scripts/node/server-only.mjs", path.join(root, "scripts", "app-server.ts"), port, "65000", String(processes)];
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: serverEnv });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));

  const url = `http://localhost:${port}`;
  if (await waitForHealth(url, child)) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const lines = [`VendOps is ready at ${url} (started in ${seconds} s)`];
    if (demo) {
      lines.push(`Sign in at ${url}/sign-in as ${demo.email} with password ${demo.password}`);
      lines.push("Same password: manager@, technician@, viewer@ and the host portal's host@demo-vending.example");
      if (demo.chinaEmail) lines.push(`Shanghai demo operator, same password: ${demo.chinaEmail} (and manager@, technician@, viewer@, host@)`);
    }
    const width = Math.max(...lines.map((l) => l.length));
    console.log(`\n┌${"─".repeat(width + 2)}┐\n${lines.map((l) => `│ ${l.padEnd(width)} │`).join("\n")}\n└${"─".repeat(width + 2)}┘\n`);
  }
}

await main();
