import "server-only";
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, requiredProductionSecrets } from "~/env";

export interface Secrets {
  authSecret: string;
  cronSecret: string;
  /** AES-256-GCM key that encrypts machine secrets at rest. */
  machineSecretsKey: Buffer;
}

type LocalSecrets = { AUTH_SECRET: string; CRON_SECRET: string; MACHINE_SECRETS_KEY: string; DEMO_PASSWORD: string };

function generateLocalSecrets(): LocalSecrets {
  return {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    CRON_SECRET: randomBytes(24).toString("base64url"),
    MACHINE_SECRETS_KEY: randomBytes(32).toString("base64"),
    DEMO_PASSWORD: `demo-${randomBytes(9).toString("base64url")}`,
  };
}

/**
 * The secrets generated once into the data directory for the embedded mode and development, so
 * sessions and machine credentials survive restarts. Written with mode 0600 and published by
 * link(), so two processes starting at once agree on one file.
 */
export function localSecrets(dataDir = env.DATA_DIR): LocalSecrets {
  const file = path.resolve(dataDir, "secrets.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(generateLocalSecrets(), null, 2), { mode: 0o600 });
  try {
    // link() fails with EEXIST if another process won the race; then its file is the one.
    linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(tmp);
  }
  return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
}

/** True where secrets must come from the environment: production with its own database. */
export function secretsRequiredFromEnv(): boolean {
  return env.NODE_ENV === "production" && Boolean(env.DATABASE_URL);
}

let cached: Secrets | undefined;

/** The deployment's secrets: from the environment, else (embedded or development) the data directory. */
export function getSecrets(): Secrets {
  if (cached) return cached;
  const missing = requiredProductionSecrets.filter((name) => !env[name]);
  if (missing.length > 0 && secretsRequiredFromEnv()) {
    throw new Error(`Missing required secret(s): ${missing.join(", ")}. Set them in the environment (see .env.example).`);
  }
  const local = missing.length > 0 ? localSecrets() : undefined;
  cached = {
    authSecret: env.AUTH_SECRET ?? local!.AUTH_SECRET,
    cronSecret: env.CRON_SECRET ?? local!.CRON_SECRET,
    machineSecretsKey: Buffer.from(env.MACHINE_SECRETS_KEY ?? local!.MACHINE_SECRETS_KEY, "base64"),
  };
  return cached;
}
