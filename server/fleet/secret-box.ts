import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// Machine secrets must be recoverable (the server needs the key to check signatures), so they are
// encrypted at rest with AES-256-GCM rather than hashed. Format: "v1.<iv>.<tag>.<ciphertext>", base64url.

export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) throw new Error("unrecognised secret format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** A Standard Webhooks secret: `whsec_` and base64 of 32 random bytes. */
export function generateMachineSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}
