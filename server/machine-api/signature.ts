import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a request's timestamp may be from the server's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureFailure = "missing_signature" | "invalid_signature" | "stale_timestamp";

export interface SignedRequest {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
  /** The body as sent: the HMAC covers its bytes (a string stands for its UTF-8 bytes). */
  body: string | Uint8Array;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/** `v1,` + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), as Standard Webhooks defines. */
export function sign(secret: string, id: string, timestamp: number | string, body: string | Uint8Array): string {
  const mac = createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.`).update(body).digest("base64");
  return `v1,${mac}`;
}

/**
 * Checks a Standard Webhooks signature against any of `secrets` (several during a rotation).
 * Signatures are compared in constant time; one valid `v1` signature among several suffices.
 * Returns null when the request is authentic, else why not.
 */
export function verifySignature(req: SignedRequest, secrets: string[], nowSeconds = Math.floor(Date.now() / 1000)): SignatureFailure | null {
  if (!req.id || !req.timestamp || !req.signature) return "missing_signature";
  if (!/^\d{1,12}$/.test(req.timestamp)) return "invalid_signature";
  if (Math.abs(nowSeconds - Number(req.timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return "stale_timestamp";
  const offered = req.signature
    .split(" ")
    .filter((s) => s.startsWith("v1,"))
    .map((s) => Buffer.from(s.slice(3), "base64"));
  for (const secret of secrets) {
    const expected = Buffer.from(sign(secret, req.id, req.timestamp, req.body).slice(3), "base64");
    for (const candidate of offered) {
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) return null;
    }
  }
  return "invalid_signature";
}
