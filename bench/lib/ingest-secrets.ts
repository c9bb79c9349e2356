// The deployment secrets of the ingest benchmark, set in this process's environment before env.ts
// reads it (bench/ingest.ts imports this module first): the server it starts gets the same ones, and
// the machine secrets it stores are encrypted under MACHINE_SECRETS_KEY as that server expects. Any
// already set (e.g. those of a server given with --url) are kept; the others are made for this run.
import { randomBytes } from "node:crypto";

export const machineSecretsKeyGiven = Boolean(process.env.MACHINE_SECRETS_KEY);

process.env.MACHINE_SECRETS_KEY ||= randomBytes(32).toString("base64");
process.env.AUTH_SECRET ||= randomBytes(32).toString("base64url");
process.env.CRON_SECRET ||= randomBytes(24).toString("base64url");

/** The secrets to hand to the server process. */
export const serverSecrets = {
  MACHINE_SECRETS_KEY: process.env.MACHINE_SECRETS_KEY,
  AUTH_SECRET: process.env.AUTH_SECRET,
  CRON_SECRET: process.env.CRON_SECRET,
};

export const machineSecretsKey = Buffer.from(process.env.MACHINE_SECRETS_KEY, "base64");
