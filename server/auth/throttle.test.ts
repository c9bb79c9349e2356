import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInThrottle } from "~/db/schema";
import { ServiceError } from "~/server/errors";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { TEST_PASSWORD, createUser } from "~/test/factories";
import { verifyCredentials } from "./accounts";
import { credentialTextProblem } from "./contract";
import { throttleLimits } from "./throttle";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

// Each test uses its own accounts and addresses: the counters live in the file's one database.
let nextIp = 1;
const freshIp = () => `192.0.2.${nextIp++}`;

const signIn = (email: string, password: string, ip: string | null) => verifyCredentials(t.db, { email, password, ip });

/** Awaits a sign-in that must be refused and returns the service error. */
async function refused(call: Promise<unknown>): Promise<ServiceError> {
  const error = await call.then(
    () => {
      throw new Error("Expected the sign-in to be refused.");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

async function failTimes(n: number, email: string, ip: string | null) {
  for (let i = 0; i < n; i++) {
    const error = await refused(signIn(email, "not the password at all", ip));
    expect(error.kind).toBe("UNAUTHORIZED");
  }
}

const throttleRow = async (key: string) => (await t.db.select().from(signInThrottle).where(eq(signInThrottle.key, key)))[0];

/** Moves a lock into the past, as if its time had passed. */
const expireLock = (key: string) =>
  t.db
    .update(signInThrottle)
    .set({ lockedUntil: sql`now() - interval '1 second'`, windowStartedAt: sql`now() - interval '1 hour'` })
    .where(eq(signInThrottle.key, key));

describe("verifyCredentials", () => {
  it("signs in with the right password, whatever the e-mail's case", async () => {
    const user = await createUser(t.db);
    await expect(signIn(user.email.toUpperCase(), TEST_PASSWORD, freshIp())).resolves.toEqual(user);
  });

  it("gives the same answer for an unknown e-mail and a wrong password", async () => {
    const user = await createUser(t.db);
    const wrong = await refused(signIn(user.email, "wrong password here", freshIp()));
    const unknown = await refused(signIn("nobody-here@example.test", "wrong password here", freshIp()));
    expect(wrong.kind).toBe("UNAUTHORIZED");
    expect(unknown.kind).toBe(wrong.kind);
    expect(unknown.message).toBe(wrong.message);
  });
});

describe("sign-in throttle", () => {
  const pairLimit = throttleLimits.accountClient.failures;
  const ceiling = throttleLimits.account.failures;

  it(`stops one client after ${pairLimit} wrong passwords for an account, even with the right one`, async () => {
    const user = await createUser(t.db);
    const attacker = freshIp();
    await failTimes(pairLimit, user.email, attacker);

    const locked = await refused(signIn(user.email, "not the password at all", attacker));
    expect(locked.kind).toBe("TOO_MANY_REQUESTS");
    expect(locked.message).toBe("Too many failed sign-ins. Try again in 15 minutes.");
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(throttleLimits.accountClient.lockSeconds);
    expect((await refused(signIn(user.email.toUpperCase(), TEST_PASSWORD, attacker))).kind).toBe("TOO_MANY_REQUESTS");
  });

  it("does not lock the owner out: the right password from a client that has not been failing gets in", async () => {
    const owner = await createUser(t.db);
    // Several attackers, each up to its own limit: 20 failures against the account in all.
    for (let i = 0; i < 4; i++) await failTimes(pairLimit, owner.email, freshIp());
    await expect(signIn(owner.email, TEST_PASSWORD, freshIp())).resolves.toEqual(owner);
    // Before the change: five failures from anyone locked the account for everyone.
    expect((await throttleRow(`account:${owner.email}`))?.lockedUntil ?? null).toBeNull();
  });

  it(`holds the account to a ceiling of ${ceiling} failures an hour across all clients`, async () => {
    const user = await createUser(t.db);
    // Spread over clients so that no client reaches its own limits.
    for (let i = 0; i < ceiling; i++) {
      const error = await refused(signIn(user.email, "spread guess", `198.51.100.${Math.floor(i / (pairLimit - 1)) + 1}`));
      expect(error.kind).toBe("UNAUTHORIZED");
    }
    const clean = await refused(signIn(user.email, TEST_PASSWORD, freshIp()));
    expect(clean.kind).toBe("TOO_MANY_REQUESTS");
    // Locked until the hour that saw the failures is over (and at least the lock time).
    expect(clean.retryAfterSeconds).toBeGreaterThan(throttleLimits.account.lockSeconds - 5);
    expect(clean.retryAfterSeconds).toBeLessThanOrEqual(throttleLimits.account.windowSeconds);
    await expireLock(`account:${user.email}`);
    await expect(signIn(user.email, TEST_PASSWORD, freshIp())).resolves.toEqual(user);
  });

  it("locks a client that fails across many accounts, and only that client", async () => {
    const ip = freshIp();
    const clientLimit = throttleLimits.client.failures;
    // Spread over enough unknown accounts that no account and client pair reaches its own limit.
    for (let i = 0; i < clientLimit; i++) {
      const error = await refused(signIn(`spray-${i % 10}@example.test`, "guess guess guess", ip));
      expect(error.kind).toBe("UNAUTHORIZED");
    }
    const user = await createUser(t.db);
    const blocked = await refused(signIn(user.email, TEST_PASSWORD, ip));
    expect(blocked.kind).toBe("TOO_MANY_REQUESTS");
    expect(blocked.message).toMatch(/Try again in \d+ minutes\./);
    await expect(signIn(user.email, TEST_PASSWORD, freshIp())).resolves.toEqual(user);

    const row = await throttleRow(`ip:${ip}`);
    expect(row?.lockedUntil).toBeInstanceOf(Date);
    expect((await throttleRow("account:spray-0@example.test"))?.lockedUntil).toBeNull();
  });

  it("clears this client's count for the account on success, but not the account's or the client's own", async () => {
    const user = await createUser(t.db);
    const ip = freshIp();
    await failTimes(pairLimit - 1, user.email, ip);
    const pair = `account-ip:${user.email}|${ip}`;
    expect((await throttleRow(pair))?.failures).toBe(pairLimit - 1);

    await expect(signIn(user.email, TEST_PASSWORD, ip)).resolves.toEqual(user);
    expect(await throttleRow(pair)).toBeUndefined();
    expect((await throttleRow(`account:${user.email}`))?.failures).toBe(pairLimit - 1);
    expect((await throttleRow(`ip:${ip}`))?.failures).toBe(pairLimit - 1);

    // The client's count starts again from zero: another near-limit run does not lock.
    await failTimes(pairLimit - 1, user.email, ip);
    await expect(signIn(user.email, TEST_PASSWORD, ip)).resolves.toEqual(user);
  });

  it("counts failures against the account whatever the e-mail's case", async () => {
    const user = await createUser(t.db);
    const ip = freshIp();
    for (let i = 0; i < pairLimit; i++) {
      const email = i % 2 ? user.email.toUpperCase() : user.email;
      expect((await refused(signIn(email, "not the password at all", ip))).kind).toBe("UNAUTHORIZED");
    }
    expect((await refused(signIn(user.email, TEST_PASSWORD, ip))).kind).toBe("TOO_MANY_REQUESTS");
  });

  it("lets the client in once the lock has passed, and locks it again after another run of failures", async () => {
    const user = await createUser(t.db);
    const ip = freshIp();
    const key = `account-ip:${user.email}|${ip}`;
    await failTimes(pairLimit, user.email, ip);
    await expireLock(key);
    await failTimes(pairLimit, user.email, ip);
    expect((await refused(signIn(user.email, TEST_PASSWORD, ip))).kind).toBe("TOO_MANY_REQUESTS");

    await expireLock(key);
    await expect(signIn(user.email, TEST_PASSWORD, ip)).resolves.toEqual(user);
  });

  it("refuses unusable text (NUL, unpaired surrogates, huge strings) as wrong credentials, without touching the database's text", async () => {
    const user = await createUser(t.db);
    for (const [email, password] of [
      [`${user.email}\u0000`, TEST_PASSWORD],
      [user.email, `${TEST_PASSWORD}\u0000`],
      [`\ud800${user.email}`, TEST_PASSWORD],
      ["a".repeat(100_000), TEST_PASSWORD],
      [user.email, "p".repeat(100_000)],
    ] as const) {
      await expect(signIn(email, password, freshIp())).rejects.toMatchObject({ name: "ZodError" });
    }
    await expect(signIn(user.email, TEST_PASSWORD, freshIp())).resolves.toEqual(user);
  });
});

describe("credentialTextProblem", () => {
  it("says what to fix for each kind of unusable input, and nothing for a usable one", () => {
    expect(credentialTextProblem("ada@example.test", TEST_PASSWORD)).toBeNull();
    expect(credentialTextProblem(undefined, TEST_PASSWORD)).toBe("Enter your e-mail and password.");
    expect(credentialTextProblem({ email: 1 }, ["x"])).toBe("Enter your e-mail and password.");
    expect(credentialTextProblem("  ", TEST_PASSWORD)).toBe("Enter your e-mail and password.");
    expect(credentialTextProblem("a".repeat(255), TEST_PASSWORD)).toMatch(/at most 254 characters/);
    expect(credentialTextProblem("ada@example.test", "p".repeat(201))).toMatch(/200 for the password/);
    expect(credentialTextProblem("ada\u0000@example.test", TEST_PASSWORD)).toMatch(/cannot be typed/);
    expect(credentialTextProblem("ada@example.test", "\udc00abcdefghijk")).toMatch(/cannot be typed/);
  });
});
