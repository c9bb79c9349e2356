import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { signInThrottle } from "~/db/schema";
import { ServiceError } from "../errors";
import { authMessages } from "./contract";

// Failed sign-ins are counted three ways (OWASP ASVS 2.2.1). Strictly per account and client, so
// one client guessing one account's password is stopped after a few tries without locking anyone
// else out: the owner, from a client that has not been failing, still gets in. Per account across
// all clients, with a ceiling of 100 an hour, so a guesser spread over many addresses still gets
// no more than that. Per client across accounts, against one address trying many accounts.

/**
 * How many failed sign-ins a key may have in one window before it is locked: for `lockSeconds`,
 * and at least until the window ends (so the account's ceiling is a ceiling per hour).
 */
export const throttleLimits = {
  accountClient: { failures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  account: { failures: 100, windowSeconds: 60 * 60, lockSeconds: 15 * 60 },
  client: { failures: 30, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
} as const;

export type ThrottleKey = { kind: keyof typeof throttleLimits; key: string };

/** The counters a sign-in for `email` from the client at `ip` (null: not known) is held to. */
export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const account = email.trim().toLowerCase();
  const keys: ThrottleKey[] = [
    { kind: "accountClient", key: `account-ip:${account}|${ip ?? "unknown"}` },
    { kind: "account", key: `account:${account}` },
  ];
  if (ip) keys.push({ kind: "client", key: `ip:${ip}` });
  return keys;
}

/** Refuses a sign-in, saying in how many minutes to try again. */
function throttled(seconds: number): ServiceError {
  const minutes = Math.ceil(seconds / 60);
  const options = { retryAfterSeconds: seconds };
  if (minutes <= 1) return new ServiceError("TOO_MANY_REQUESTS", authMessages.throttled_minute, {}, options);
  return new ServiceError("TOO_MANY_REQUESTS", authMessages.throttled_minutes, { minutes }, options);
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
  if (rows.length > 0) throw throttled(seconds);
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
          lockedUntil: sql`case when ${next} >= ${limit.failures} then greatest(now() + ${lock}, ${signInThrottle.windowStartedAt} + ${window}) when ${expired} then null else ${signInThrottle.lockedUntil} end`,
        },
      });
  }
}

/**
 * A successful sign-in clears the counter of this account from this client only: the account's
 * hourly ceiling and the client's own count stand, or a guesser could reset them by signing in
 * to an account of their own.
 */
export async function clearClientFailures(db: Db, input: { email: string; ip: string | null }): Promise<void> {
  const pair = throttleKeys(input.email, input.ip).find((k) => k.kind === "accountClient")!;
  await db.delete(signInThrottle).where(eq(signInThrottle.key, pair.key));
}
