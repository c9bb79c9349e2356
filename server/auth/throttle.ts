import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { signInThrottle } from "~/db/schema";
import { ServiceError } from "../errors";

/** How many failed sign-ins a key may have in one window before it is locked for `lockSeconds`. */
export const throttleLimits = {
  account: { failures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  ip: { failures: 30, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
} as const;

export type ThrottleKey = { kind: keyof typeof throttleLimits; key: string };

export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ kind: "account", key: `account:${email.trim().toLowerCase()}` }];
  if (ip) keys.push({ kind: "ip", key: `ip:${ip}` });
  return keys;
}

function waitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const when = minutes <= 1 ? "in a minute" : `in ${minutes} minutes`;
  return `Too many failed sign-ins. Try again ${when}.`;
}

/** Throws TOO_MANY_REQUESTS, saying when to try again, if any of the keys is locked now. */
export async function assertNotThrottled(db: Db, keys: ThrottleKey[]): Promise<void> {
  const rows = await db
    .select({
      key: signInThrottle.key,
      seconds: sql<number>`ceil(extract(epoch from (${signInThrottle.lockedUntil} - now())))::int`,
    })
    .from(signInThrottle)
    .where(sql`${inArray(signInThrottle.key, keys.map((k) => k.key))} and ${signInThrottle.lockedUntil} > now()`);
  const seconds = Math.max(0, ...rows.map((r) => Number(r.seconds)));
  if (rows.length > 0) {
    throw new ServiceError("TOO_MANY_REQUESTS", waitMessage(seconds), { retryAfterSeconds: seconds });
  }
}

/** Counts one failure against each key, locking a key that reaches its limit within its window. */
export async function recordFailure(db: Db, keys: ThrottleKey[]): Promise<void> {
  for (const { kind, key } of keys) {
    const limit = throttleLimits[kind];
    const window = sql.raw(`interval '${limit.windowSeconds} seconds'`);
    const lock = sql.raw(`interval '${limit.lockSeconds} seconds'`);
    const expired = sql`(${signInThrottle.windowStartedAt} < now() - ${window} or ${signInThrottle.lockedUntil} <= now())`;
    const next = sql`(case when ${expired} then 1 else ${signInThrottle.failures} + 1 end)`;
    await db
      .insert(signInThrottle)
      .values({ key, failures: 1, windowStartedAt: sql`now()` })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          failures: sql`case when ${next} >= ${limit.failures} then 0 else ${next} end`,
          windowStartedAt: sql`case when ${expired} or ${next} >= ${limit.failures} then now() else ${signInThrottle.windowStartedAt} end`,
          // A window that restarts after a lock forgets the lock, or it would restart on every failure.
          lockedUntil: sql`case when ${next} >= ${limit.failures} then now() + ${lock} when ${expired} then null else ${signInThrottle.lockedUntil} end`,
        },
      });
  }
}

/** A successful sign-in clears the account's counter (never the IP's). */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, throttleKeys(email, null)[0]!.key));
}
