import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq, sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "~/db/schema";
import { createTrpcContext } from "~/server/trpc/init";
import { appRouter } from "~/server/trpc/root";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { TEST_PASSWORD, callerFor } from "~/test/factories";
import { countRows } from "~/test/rows";
import { callError } from "~/test/trpc-errors";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const signUp = (input: { name: string; email: string; password: string }) => callerFor(t.db, null).auth.signUp(input);

/** Expects a sign-up to fail as described and to leave the users table as it was. */
async function expectRefused(
  input: { name: string; email: string; password: string },
  expected: { code: string; field: string; message: string | RegExp },
) {
  const before = await countRows(t.db, users);
  const failure = await callError(signUp(input));
  expect(failure.code).toBe(expected.code);
  expect(failure.message).toMatch(expected.message);
  expect(failure.fieldErrors?.[expected.field]?.[0]).toMatch(expected.message);
  expect(await countRows(t.db, users)).toBe(before);
}

/** Posts one call to the real HTTP handler, as the browser's tRPC client does. */
async function post(path: string, input: unknown) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    }),
    router: appRouter,
    createContext: () => createTrpcContext({ db: t.db, user: null, ip: "198.51.100.1" }),
  });
  const body = (await response.json()) as { error?: Parameters<typeof superjson.deserialize>[0] };
  return { status: response.status, error: body.error && (superjson.deserialize(body.error) as ErrorBody) };
}
type ErrorBody = { message: string; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]> } };

describe("auth.signUp", () => {
  it("creates an account with a normalized e-mail and a hashed password", async () => {
    const user = await signUp({ name: "  Ada Lovelace ", email: " Ada@Example.TEST ", password: TEST_PASSWORD });
    expect(user).toMatchObject({ name: "Ada Lovelace", email: "ada@example.test" });
    expect(user.id).toMatch(/^usr_/);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it("refuses an e-mail that already has an account, whatever its case", async () => {
    await signUp({ name: "Grace", email: "grace@example.test", password: TEST_PASSWORD });
    const message = "An account with this e-mail already exists. Sign in instead.";
    await expectRefused({ name: "Grace", email: "grace@example.test", password: TEST_PASSWORD }, { code: "CONFLICT", field: "email", message });
    await expectRefused({ name: "Grace", email: "GRACE@Example.Test", password: TEST_PASSWORD }, { code: "CONFLICT", field: "email", message });
    expect(await countRows(t.db, users, sql`lower(${users.email}) = 'grace@example.test'`)).toBe(1);
  });

  it("refuses a common password and says why", async () => {
    await expectRefused(
      { name: "Weak", email: "weak@example.test", password: "password123" },
      { code: "BAD_REQUEST", field: "password", message: /too easy to guess/ },
    );
  });

  it("refuses a password that is too short", async () => {
    await expectRefused(
      { name: "Short", email: "short@example.test", password: "Xq7#vL2" },
      { code: "BAD_REQUEST", field: "password", message: "Use at least 10 characters." },
    );
  });

  it("refuses a password made of the person's own name and e-mail", async () => {
    await expectRefused(
      { name: "Bartholomew Quixote", email: "bartholomew.quixote@example.test", password: "bartholomewquixote" },
      { code: "BAD_REQUEST", field: "password", message: /too easy to guess/ },
    );
  });

  it("refuses a malformed e-mail", async () => {
    await expectRefused(
      { name: "Nobody", email: "not-an-email", password: TEST_PASSWORD },
      { code: "BAD_REQUEST", field: "email", message: "Enter an e-mail address like name@example.com." },
    );
  });

  it("refuses a name over 100 characters and an empty one", async () => {
    await expectRefused(
      { name: "n".repeat(101), email: "long-name@example.test", password: TEST_PASSWORD },
      { code: "BAD_REQUEST", field: "name", message: "Use at most 100 characters." },
    );
    await expectRefused(
      { name: "   ", email: "no-name@example.test", password: TEST_PASSWORD },
      { code: "BAD_REQUEST", field: "name", message: "Enter your name." },
    );
  });
});

describe("auth.signUp over HTTP", () => {
  it("answers a taken e-mail with 409 and the field's message, as the browser sees it", async () => {
    await signUp({ name: "Linus", email: "linus@example.test", password: TEST_PASSWORD });
    const before = await countRows(t.db, users);
    const { status, error } = await post("auth.signUp", { name: "Linus", email: "LINUS@example.test", password: TEST_PASSWORD });
    expect(status).toBe(409);
    expect(error?.message).toBe("An account with this e-mail already exists. Sign in instead.");
    expect(error?.data).toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
      fieldErrors: { email: ["An account with this e-mail already exists. Sign in instead."] },
    });
    expect(await countRows(t.db, users)).toBe(before);
  });

  it("answers invalid input with 400, the first field message and every field's errors", async () => {
    const before = await countRows(t.db, users);
    const { status, error } = await post("auth.signUp", { name: "", email: "nope", password: TEST_PASSWORD });
    expect(status).toBe(400);
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(error?.data.fieldErrors).toEqual({
      name: ["Enter your name."],
      email: ["Enter an e-mail address like name@example.com."],
    });
    expect(error?.message).toBe("Enter your name.");
    expect(await countRows(t.db, users)).toBe(before);
  });

  it("creates the account when the input is valid", async () => {
    const { status, error } = await post("auth.signUp", { name: "Margaret", email: "margaret@example.test", password: TEST_PASSWORD });
    expect(error).toBeUndefined();
    expect(status).toBe(200);
    expect(await countRows(t.db, users, eq(users.email, "margaret@example.test"))).toBe(1);
  });
});

describe("auth.me", () => {
  it("asks a signed-out caller to sign in", async () => {
    const failure = await callError(callerFor(t.db, null).auth.me());
    expect(failure).toMatchObject({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  });
});
