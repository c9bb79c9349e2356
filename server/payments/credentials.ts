import "server-only";
import { hkdfSync } from "node:crypto";
import { env } from "~/env";
import { getSecrets, secretsRequiredFromEnv } from "~/server/config/secrets";
import { decryptSecret, encryptSecret } from "~/server/fleet";

// Orgs' merchant secrets (private keys, API keys) are sealed at rest with AES-256-GCM under
// PAYMENT_CREDENTIALS_KEY. Without it, a development or embedded server derives a key of its own
// from the machine secrets key; production refuses to store merchant secrets without it.

let derived: Buffer | undefined;

/** The key that seals merchant secrets, or null when this server may not store any. */
export function paymentCredentialsKey(): Buffer | null {
  if (env.PAYMENT_CREDENTIALS_KEY) return Buffer.from(env.PAYMENT_CREDENTIALS_KEY, "base64");
  if (secretsRequiredFromEnv()) return null;
  derived ??= Buffer.from(hkdfSync("sha256", getSecrets().machineSecretsKey, Buffer.alloc(0), "vendops payment credentials v1", 32));
  return derived;
}

export function sealCredentials(key: Buffer, secrets: Record<string, string>): string {
  return encryptSecret(key, JSON.stringify(secrets));
}

export function openCredentials(key: Buffer, sealed: string): Record<string, string> {
  return JSON.parse(decryptSecret(key, sealed)) as Record<string, string>;
}
