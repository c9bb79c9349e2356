import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { localSecrets } from "./secrets";

const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

/** Runs a script with a clean, explicit environment, as a deployment would. */
function run(script: string, env: Record<string, string>) {
  return spawnSync(tsx, ["--import", "./scripts/node/server-only.mjs", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
  });
}

describe("local secrets", () => {
  it("are generated once into the data directory, readable only by the owner", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vendops-secrets-"));
    const first = localSecrets(dir);
    const second = localSecrets(dir);
    expect(second).toEqual(first);
    expect(Buffer.from(first.MACHINE_SECRETS_KEY, "base64")).toHaveLength(32);
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, "secrets.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe("production configuration", () => {
  it("refuses to start without its secrets and names each missing one", () => {
    const result = run("scripts/start.ts", {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://vendops@127.0.0.1:1/vendops",
      CRON_SECRET: "a-cron-secret-of-enough-length",
    });
    expect(result.status).not.toBe(0);
    const output = result.stderr + result.stdout;
    expect(output).toContain("AUTH_SECRET");
    expect(output).toContain("MACHINE_SECRETS_KEY");
    expect(output).toContain("AUTH_SECRET: is required in production");
    expect(output).not.toContain("CRON_SECRET:");
  });

  it("rejects a malformed value and says what is expected", () => {
    const result = run("scripts/start.ts", { MACHINE_SECRETS_KEY: "too-short", PORT: "70000" });
    expect(result.status).not.toBe(0);
    const output = result.stderr + result.stdout;
    expect(output).toContain("32 random bytes in base64");
    expect(output).toContain("PORT");
  });
});
