import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getSecrets } from "~/server/config/secrets";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether an Authorization header carries `Bearer CRON_SECRET`, compared in constant time. */
export function authorizeCron(header: string | null, secret = getSecrets().cronSecret): boolean {
  if (!header?.startsWith("Bearer ")) return false;
  // Comparing digests keeps the time independent of where, or whether, the lengths differ.
  return timingSafeEqual(digest(header.slice("Bearer ".length)), digest(secret));
}
