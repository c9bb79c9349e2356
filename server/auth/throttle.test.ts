import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInThrottle } from "~/db/schema";
import { ServiceError } from "~/server/errors";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { TEST_PASSWORD, createUser } from "~/test/factories";
import { verifyCredentials } from "./accounts";
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
  const accountLimit = throttleLimits.account.failures;

  it(`locks an account after ${accountLimit} wrong passwords, even against the right one`, async () => {
    const user = await createUser(t.db);
    await failTimes(accountLimit, user.email, freshIp());

    const locked = await refused(signIn(user.email, "not the password at all", freshIp()));
    expect(locked.kind).toBe("TOO_MANY_REQUESTS");
    expect(locked.message).toBe("Too many failed sign-ins. Try again in 15 minutes.");
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(throttleLimits.account.lockSeconds);

    const rightPassword = await refused(signIn(user.email.toUpperCase(), TEST_PASSWORD, freshIp()));
    expect(rightPassword.kind).toBe("TOO_MANY_REQUESTS");
    expect(rightPassword.message).toMatch(/Try again in \d+ minutes\./);

    const [row] = await t.db
      .select({ key: signInThrottle.key, locked: sql<boolean>`${signInThrottle.lockedUntil} > now()` })
      .from(signInThrottle)
      .where(eq(signInThrottle.key, `account:${user.email}`));
    expect(row).toEqual({ key: `account:${user.email}`, locked: true });
  });

  it("leaves other accounts signing in from other addresses alone", async () => {
    const victim = await createUser(t.db);
    const bystander = await createUser(t.db);
    await failTimes(accountLimit, victim.email, freshIp());
    expect((await refused(signIn(victim.email, TEST_PASSWORD, freshIp()))).kind).toBe("TOO_MANY_REQUESTS");
    await expect(signIn(bystander.email, TEST_PASSWORD, freshIp())).resolves.toEqual(bystander);
  });

  it("locks an address that fails across many accounts, and only that address", async () => {
    const ip = freshIp();
    const ipLimit = throttleLimits.ip.failures;
    // Spread over enough unknown accounts that no single account reaches its own limit.
    for (let i = 0; i < ipLimit; i++) {
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

  it("clears the account's counter on success, but not the address's", async () => {
    const user = await createUser(t.db);
    const ip = freshIp();
    await failTimes(accountLimit - 1, user.email, ip);
    expect((await throttleRow(`account:${user.email}`))?.failures).toBe(accountLimit - 1);

    await expect(signIn(user.email, TEST_PASSWORD, ip)).resolves.toEqual(user);
    expect(await throttleRow(`account:${user.email}`)).toBeUndefined();
    expect((await throttleRow(`ip:${ip}`))?.failures).toBe(accountLimit - 1);

    // The count starts again from zero: another near-limit run does not lock.
    await failTimes(accountLimit - 1, user.email, freshIp());
    await expect(signIn(user.email, TEST_PASSWORD, freshIp())).resolves.toEqual(user);
  });

  it("counts failures against the account whatever the e-mail's case", async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < accountLimit; i++) {
      const email = i % 2 ? user.email.toUpperCase() : user.email;
      expect((await refused(signIn(email, "not the password at all", freshIp()))).kind).toBe("UNAUTHORIZED");
    }
    expect((await refused(signIn(user.email, TEST_PASSWORD, freshIp()))).kind).toBe("TOO_MANY_REQUESTS");
  });

  it("lets the account in once the lock has passed, and locks it again after another run of failures", async () => {
    const user = await createUser(t.db);
    const key = `account:${user.email}`;
    await failTimes(accountLimit, user.email, freshIp());
    await expireLock(key);
    await failTimes(accountLimit, user.email, freshIp());
    const relocked = await refused(signIn(user.email, TEST_PASSWORD, freshIp()));
    expect(relocked.kind).toBe("TOO_MANY_REQUESTS");

    await expireLock(key);
    await expect(signIn(user.email, TEST_PASSWORD, freshIp())).resolves.toEqual(user);
  });
});
