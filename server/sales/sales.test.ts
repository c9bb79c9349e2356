import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/db/tenant";
import type { SessionUser } from "~/server/auth";
import { memberContext, type ServiceCtx } from "~/server/context";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg } from "~/test/factories";
import { createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
import { dataExceptionCode } from "../input/data-exception";
import type { SalesFilter } from "./contract";
import { openSalesCsv, salesCsvStream } from "./export";

let t: TestDatabase;
let m: Awaited<ReturnType<typeof createMachineWithPlanogram>>;
beforeAll(async () => {
  t = await createTestDatabase();
  m = await createMachineWithPlanogram(t.db, { capacity: 50 });
  // The org is in Europe/Berlin (UTC+1 in November): 23:30 UTC on the 19th is already the 20th there.
  await sendEvents(t.db, m.machine.id, m.secret, {
    events: [
      restock([{ slot: "A1", quantity: 50 }, { slot: "A2", quantity: 50 }], new Date("2026-11-18T08:00:00Z")),
      vend("A1", { at: new Date("2026-11-19T22:30:00Z"), method: "cash", price: 250 }),
      vend("A1", { at: new Date("2026-11-19T23:30:00Z"), method: "card", price: 250 }),
      vend("A2", { at: new Date("2026-11-20T12:00:00Z"), method: "alipay", price: 150 }),
      vend("A2", { at: new Date("2026-11-20T12:05:00Z"), method: "card", price: 150, ok: false }),
    ],
  });
});
afterAll(async () => {
  await t.drop();
});

/** Runs `read` as an owner of the org in its tenant transaction, as the download route does. */
const asOwner = <T>(orgId: string, owner: SessionUser, read: (ctx: ServiceCtx) => Promise<T>) =>
  withTenant(t.db, { orgId, userId: owner.id }, (tx) => read(memberContext(tx, { orgId, role: "owner", userId: owner.id, name: owner.name })));

describe("sales", () => {
  it("filters by day in the org's time zone, machine, product, payment method and status", async () => {
    const api = callerFor(t.db, await addMember(t.db, m.org.id, "viewer"));
    const day20 = await api.sales.list({ orgId: m.org.id, from: "2026-11-20", to: "2026-11-20" });
    expect(day20.sales.map((s) => s.occurredAt.toISOString())).toEqual([
      "2026-11-20T12:05:00.000Z",
      "2026-11-20T12:00:00.000Z",
      "2026-11-19T23:30:00.000Z",
    ]);
    expect((await api.sales.list({ orgId: m.org.id, to: "2026-11-19" })).sales).toHaveLength(1);
    expect((await api.sales.list({ orgId: m.org.id, paymentMethod: "card" })).sales).toHaveLength(2);
    expect((await api.sales.list({ orgId: m.org.id, status: "failed" })).sales[0]).toMatchObject({ refundStatus: "pending", productName: "Water 0.5 l" });
    expect((await api.sales.list({ orgId: m.org.id, productId: m.products.cola.id })).sales).toHaveLength(2);
    const totals = await api.sales.totals({ orgId: m.org.id, from: "2026-11-20", to: "2026-11-20" });
    expect(totals).toEqual([{ currency: "EUR", vends: 2, failed: 1, revenueMinor: 400, costMinor: 120 }]);
    await expect(api.sales.list({ orgId: m.org.id, from: "2026-11-21", to: "2026-11-20" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The start date must not be after the end date.",
    });
  });

  it("counts vends and revenue per day in the org's time zone", async () => {
    const api = callerFor(t.db, await addMember(t.db, m.org.id, "viewer"));
    expect(await api.sales.byDay({ orgId: m.org.id })).toEqual([
      { day: "2026-11-19", currency: "EUR", vends: 1, failed: 0, revenueMinor: 250 },
      { day: "2026-11-20", currency: "EUR", vends: 2, failed: 1, revenueMinor: 400 },
    ]);
    expect(await api.sales.byDay({ orgId: m.org.id, from: "2026-11-20", paymentMethod: "alipay" })).toEqual([
      { day: "2026-11-20", currency: "EUR", vends: 1, failed: 0, revenueMinor: 150 },
    ]);
  });

  it("pages through sales with a cursor", async () => {
    const api = callerFor(t.db, m.owner);
    const first = await api.sales.list({ orgId: m.org.id, limit: 3 });
    const second = await api.sales.list({ orgId: m.org.id, limit: 3, cursor: first.nextCursor });
    expect(first.sales).toHaveLength(3);
    expect(second.sales).toHaveLength(1);
    expect(second.nextCursor).toBeUndefined();
    expect(new Set([...first.sales, ...second.sales].map((s) => s.id)).size).toBe(4);
  });

  it("streams the filtered sales as CSV, oldest first, with amounts in major units", async () => {
    const text = await asOwner(m.org.id, m.owner, (ctx) =>
      new Response(salesCsvStream(ctx, { filter: { from: "2026-11-20" }, timeZone: "Europe/Berlin" })).text(),
    );
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.occurred_at_local, r.product, r.payment_method, r.price, r.status, r.refund_status])).toEqual([
      ["2026-11-20 00:30:00", "Cola 0.33 l", "card", "2.50", "succeeded", ""],
      ["2026-11-20 13:00:00", "Water 0.5 l", "alipay", "1.50", "succeeded", ""],
      ["2026-11-20 13:05:00", "Water 0.5 l", "card", "1.50", "failed", "pending"],
    ]);
  });

  it("opens the CSV only once the first page is read, so a filter the database refuses fails before any byte is sent", async () => {
    const open = (filter: SalesFilter) =>
      asOwner(m.org.id, m.owner, async (ctx) => new Response(await openSalesCsv(ctx, { filter, timeZone: "Europe/Berlin" })).text());
    const opened = await open({ from: "2026-11-20" });
    expect(opened.trim().split("\n")).toHaveLength(4);
    const empty = await open({ from: "2099-01-01" });
    expect(empty.trim().split("\n")).toEqual([expect.stringMatching(/^occurred_at_local,/)]);
    // A value no schema stopped (here: a NUL, which the route refuses first) reaches the query.
    const refused = await open({ machineId: "mch\u0000" }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(dataExceptionCode(refused)).toMatch(/^22/);
  });

  it("shows one operator's sales to no other", async () => {
    const other = await createOrg(t.db);
    const api = callerFor(t.db, other.owner);
    expect((await api.sales.list({ orgId: other.org.id })).sales).toEqual([]);
    expect(await api.sales.totals({ orgId: other.org.id })).toEqual([]);
    await expect(api.sales.list({ orgId: m.org.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const leaked = await asOwner(other.org.id, other.owner, (ctx) => new Response(salesCsvStream(ctx, { filter: {}, timeZone: "UTC" })).text());
    expect(leaked.trim().split("\n")).toHaveLength(1);
  });
});
