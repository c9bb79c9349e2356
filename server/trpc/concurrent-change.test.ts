import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callError } from "~/test/trpc-errors";
import { CONCURRENT_CHANGE_MESSAGE, concurrentChangeCode, isUniqueViolation } from "../input/concurrent-change";
import { createCallerFactory, createTRPCRouter, createTrpcContext, publicProcedure } from "./init";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** Raises a Postgres error with the given SQLSTATE, as the server would. */
const raise = (code: string) => sql.raw(`do $$ begin raise exception 'collision' using errcode = '${code}'; end $$`);

// Each probe runs in its own transaction, as procedures do, so a failed statement aborts only it.
const probe = createTRPCRouter({
  duplicate: publicProcedure.mutation(({ ctx }) =>
    ctx.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table probe_keys (id int primary key) on commit drop`);
      await tx.execute(sql`insert into probe_keys values (1)`);
      await tx.execute(sql`insert into probe_keys values (1)`);
    }),
  ),
  raise: publicProcedure.mutation(({ ctx }) => ctx.db.transaction((tx) => tx.execute(raise("40001")))),
  deadlock: publicProcedure.mutation(({ ctx }) => ctx.db.transaction((tx) => tx.execute(raise("40P01")))),
  foreignKey: publicProcedure.mutation(({ ctx }) => ctx.db.transaction((tx) => tx.execute(raise("23503")))),
});

describe("a collision with a concurrent request that escapes a service", () => {
  const api = () => createCallerFactory(probe)(createTrpcContext({ db: t.db, user: null }));

  it("is answered 409 with advice to reload, for a unique violation, a serialization failure and a deadlock", async () => {
    for (const call of [() => api().duplicate(), () => api().raise(), () => api().deadlock()]) {
      expect(await callError(call())).toMatchObject({ code: "CONFLICT", message: CONCURRENT_CHANGE_MESSAGE });
    }
  });

  it("is told apart from other database errors, which stay internal", async () => {
    expect(await callError(api().foreignKey())).toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
  });

  it("names the unique key it violated, through the driver's and Drizzle's wrapping", async () => {
    const error = await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`create temporary table probe_named (id int constraint probe_named_key primary key) on commit drop`);
        await tx.execute(sql`insert into probe_named values (1), (1)`);
      })
      .catch((e: unknown) => e);
    expect(concurrentChangeCode(error)).toBe("23505");
    expect(isUniqueViolation(error, "probe_named_key")).toBe(true);
    expect(isUniqueViolation(error, "another_key")).toBe(false);
    expect(isUniqueViolation(new Error("23505 probe_named_key"), "probe_named_key")).toBe(false);
  });
});
