import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor } from "~/test/factories";
import { createOrgFixture, type OrgFixture } from "~/test/org-procedures";
import { callError } from "~/test/trpc-errors";
import { DATA_EXCEPTION_MESSAGE, dataExceptionCode } from "../input/data-exception";
import { createCallerFactory, createTRPCRouter, createTrpcContext, publicProcedure } from "./init";

let t: TestDatabase;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await createOrgFixture(t.db, "viewer");
});
afterAll(async () => {
  await t.drop();
});

describe("text at the tRPC boundary", () => {
  it("refuses a NUL in any string with 400 before anything runs, even signed out", async () => {
    const failure = await callError(callerFor(t.db, null).checkout.menu({ machineId: "\u0000" }));
    expect(failure).toEqual({
      code: "BAD_REQUEST",
      message: "machineId contains a NUL character (U+0000) at position 1; remove it and try again.",
      fieldErrors: { machineId: ["machineId contains a NUL character (U+0000) at position 1; remove it and try again."] },
      retryAfterSeconds: undefined,
    });
  });

  it("refuses control characters and unpaired surrogates in nested fields, and names the field", async () => {
    const api = callerFor(t.db, f.actor);
    const nested = await callError(api.routes.create({ orgId: f.orgId, name: "North", machineIds: [f.machineId, "mch\u001b[2J"] }));
    expect(nested).toMatchObject({ code: "BAD_REQUEST", message: "machineIds[1] contains a control character (U+001B) at position 4; remove it and try again." });
    const surrogate = await callError(api.locations.create({ orgId: f.orgId, name: "Depot \ud83d" }));
    expect(surrogate).toMatchObject({ code: "BAD_REQUEST", message: "name contains an incomplete character (U+D83D) at position 7; remove it and try again." });
  });

  it("accepts tabs, line breaks and characters outside the basic plane", async () => {
    const api = callerFor(t.db, f.owner);
    const location = await api.locations.create({ orgId: f.orgId, name: "Depot 🚚", address: "Line 1\nLine 2\tGate 3" });
    expect(location).toMatchObject({ name: "Depot 🚚", address: "Line 1\nLine 2\tGate 3" });
  });
});

describe("calendar days, months and times", () => {
  it.each([
    ["2026-02-30", "This date does not exist; use a real date like 2026-11-24."],
    ["2026-13-99", "This date does not exist; use a real date like 2026-11-24."],
    ["0000-01-01", "Use a date from 2000-01-01 to 2099-12-31."],
    ["26-1-1", "Use a date like 2026-11-24."],
  ])("refuse %s in sales and rankings with 400", async (day, message) => {
    const api = callerFor(t.db, f.actor);
    for (const call of [
      () => api.sales.list({ orgId: f.orgId, from: day }),
      () => api.sales.totals({ orgId: f.orgId, to: day }),
      () => api.sales.byDay({ orgId: f.orgId, from: day }),
      () => api.analytics.rankings({ orgId: f.orgId, from: day }),
      () => api.routes.day({ orgId: f.orgId, routeId: f.routeId, day }),
    ]) {
      expect(await callError(call())).toMatchObject({ code: "BAD_REQUEST", message });
    }
  });

  it("accepts a leap day and refuses a month outside the range", async () => {
    const api = callerFor(t.db, f.actor);
    await expect(api.sales.totals({ orgId: f.orgId, from: "2028-02-29", to: "2028-02-29" })).resolves.toEqual([]);
    expect(await callError(api.analytics.statistics({ orgId: f.orgId, month: "0000-01" }))).toMatchObject({ code: "BAD_REQUEST", message: "Use a month from 2000-01 to 2099-12." });
  });

  it("refuses a moment Postgres cannot hold", async () => {
    const api = callerFor(t.db, f.owner);
    expect(await callError(api.audit.list({ orgId: f.orgId, before: new Date(-8.64e15) }))).toMatchObject({ code: "BAD_REQUEST", message: "Use a time after 1970-01-01." });
    expect(await callError(api.visits.list({ orgId: f.orgId, since: new Date(8.64e15) }))).toMatchObject({ code: "BAD_REQUEST", message: "Use a time before the year 3000." });
  });
});

describe("fractions", () => {
  it("are kept to their field's precision, so a tiny one cannot underflow a real column", async () => {
    const api = callerFor(t.db, f.owner);
    await api.alerts.setMachineRange({ orgId: f.orgId, machineId: f.machineId, temperatureMinC: 1e-240, temperatureMaxC: 7.123456 });
    expect(await api.alerts.machineRange({ orgId: f.orgId, machineId: f.machineId })).toEqual({ temperatureMinC: 0, temperatureMaxC: 7.12 });
  });
});

describe("page cursors", () => {
  const malformed = ["garbage", "2026-02-30T00:00:00.000Z|sal_x", "0000-01-01T00:00:00.000Z|sal_x", "1|sal_x", "2026-11-20T12:00:00.000Z|", "|"];

  it.each(malformed)("refuse %j on sales, machine events, orders, refunds and purchases with 400", async (cursor) => {
    const api = callerFor(t.db, f.actor);
    for (const call of [
      () => api.sales.list({ orgId: f.orgId, cursor }),
      () => api.machines.events({ orgId: f.orgId, machineId: f.machineId, cursor }),
      () => api.orders.list({ orgId: f.orgId, cursor }),
      () => api.refunds.list({ orgId: f.orgId, cursor }),
      () => api.consumer.purchases({ cursor }),
    ]) {
      expect(await callError(call())).toMatchObject({ code: "BAD_REQUEST", message: "The page cursor is not valid; start again from the first page." });
    }
  });

  it("accept the cursors the lists hand out", async () => {
    const api = callerFor(t.db, f.actor);
    const first = await api.sales.list({ orgId: f.orgId, limit: 1 });
    expect(first.nextCursor).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z\|sal_/);
    const second = await api.sales.list({ orgId: f.orgId, limit: 1, cursor: first.nextCursor });
    expect(second.sales[0]!.id).not.toBe(first.sales[0]!.id);
  });
});

describe("a value the database refuses", () => {
  it("is a data exception of class 22 that the procedure ladder answers with 400", async () => {
    const error = await t.db.execute(sql`select '2026-02-30'::date`).catch((e: unknown) => e);
    expect(dataExceptionCode(error)).toBe("22008");
    const probe = createTRPCRouter({ cast: publicProcedure.query(({ ctx }) => ctx.db.execute(sql`select ${"x"}::int`)) });
    const failure = await callError(createCallerFactory(probe)(createTrpcContext({ db: t.db, user: null })).cast());
    expect(failure).toMatchObject({ code: "BAD_REQUEST", message: DATA_EXCEPTION_MESSAGE });
  });

  it("is not confused with other database errors, which stay internal", async () => {
    const error = await t.db.execute(sql`select * from no_such_table`).catch((e: unknown) => e);
    expect(dataExceptionCode(error)).toBeNull();
  });
});
