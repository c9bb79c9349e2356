import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthlyStatistics, organizations } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { ingestBatch } from "~/server/ingest/batch";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createMachineWithPlanogram, restock, vend } from "~/test/machines";
import { generateDueMonths, generateMonth } from "./monthly";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const ZONE = "America/New_York";

async function newYorkMachine() {
  const m = await createMachineWithPlanogram(t.db, { capacity: 50 });
  await t.db.update(organizations).set({ timeZone: ZONE }).where(eq(organizations.id, m.org.id));
  const org = { id: m.org.id, timeZone: ZONE, currency: "EUR" };
  const ingest = (events: unknown[]) =>
    withTenant(t.db, org.id, (tx) =>
      ingestBatch({ db: tx, orgId: org.id, role: null, actor: { type: "machine", id: m.machine.id } }, m.machine.id, events, new Date("2026-12-02T12:00:00Z")),
    );
  return { m, org, ingest };
}

const stored = (orgId: string) =>
  t.db
    .select({ month: monthlyStatistics.month, units: monthlyStatistics.figures })
    .from(monthlyStatistics)
    .where(eq(monthlyStatistics.orgId, orgId))
    .orderBy(monthlyStatistics.month)
    .then((rows) => Object.fromEntries(rows.map((r) => [r.month, r.units.units])));

describe("monthly statistics", () => {
  it("puts sales in the month of the org's zone across month ends and daylight-saving changes", async () => {
    const { org, ingest } = await newYorkMachine();
    await ingest([
      restock([{ slot: "A1", quantity: 50 }], new Date("2026-02-01T12:00:00Z")),
      // 23:30 on 28 Feb in New York (EST, UTC-5) is already 1 March in UTC.
      vend("A1", { at: new Date("2026-03-01T04:30:00Z") }),
      // 01:30 on 8 March, half an hour before clocks go forward.
      vend("A1", { at: new Date("2026-03-08T06:30:00Z") }),
      // 03:30 on 8 March, just after (EDT, UTC-4).
      vend("A1", { at: new Date("2026-03-08T07:30:00Z") }),
      // 23:30 on 31 March (EDT): 1 April in UTC.
      vend("A1", { at: new Date("2026-04-01T03:30:00Z") }),
      // 00:30 on 1 April.
      vend("A1", { at: new Date("2026-04-01T04:30:00Z"), method: "cash" }),
      // 23:30 on 31 October (EDT), then 01:30 on 1 November twice: before and after clocks go back.
      vend("A1", { at: new Date("2026-11-01T03:30:00Z") }),
      vend("A1", { at: new Date("2026-11-01T05:30:00Z") }),
      vend("A1", { at: new Date("2026-11-01T06:30:00Z") }),
      vend("A1", { at: new Date("2026-11-30T23:00:00Z"), ok: false }),
    ]);

    // 24 November: October is the last closed month.
    const first = await generateDueMonths(t.db, org, new Date("2026-11-24T12:00:00Z"));
    expect(first).toEqual(["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"]);
    expect(await stored(org.id)).toMatchObject({ "2026-02-01": 1, "2026-03-01": 3, "2026-04-01": 1, "2026-05-01": 0, "2026-10-01": 1 });

    // 23:30 on 30 November in New York is December in UTC, but November is not over there yet.
    expect(await generateDueMonths(t.db, org, new Date("2026-12-01T04:30:00Z"))).toEqual([]);
    // Half an hour after midnight in New York: November just closed.
    expect(await generateDueMonths(t.db, org, new Date("2026-12-01T05:30:00Z"))).toEqual(["2026-11-01"]);
    const [november] = await t.db.select().from(monthlyStatistics).where(and(eq(monthlyStatistics.orgId, org.id), eq(monthlyStatistics.month, "2026-11-01")));
    expect(november!.figures).toMatchObject({ units: 2, revenueMinor: 500, failedVends: 1, refunds: 1, refundMinor: 250, failureRate: 1 / 3 });
    expect(november!.previousMonth).toMatchObject({ units: 1 });
    expect(november!.breakdowns.products).toEqual([expect.objectContaining({ label: "Cola 0.33 l", units: 2, revenueMinor: 500, marginMinor: 500 - 2 * 90 })]);
    // Nothing more is due once every closed month is kept.
    expect(await generateDueMonths(t.db, org, new Date("2026-12-01T05:30:00Z"))).toEqual([]);
  });

  it("is idempotent: generating a month again gives the same row", async () => {
    const { org, ingest } = await newYorkMachine();
    await ingest([
      restock([{ slot: "A1", quantity: 50 }, { slot: "A2", quantity: 50 }], new Date("2026-09-01T12:00:00Z")),
      vend("A1", { at: new Date("2026-09-10T15:00:00Z") }),
      vend("A2", { at: new Date("2026-10-10T15:00:00Z"), method: "alipay" }),
      vend("A2", { at: new Date("2026-10-11T15:00:00Z"), ok: false, method: "card" }),
    ]);
    await generateDueMonths(t.db, org, new Date("2026-11-24T12:00:00Z"));
    const read = () =>
      t.db
        .select()
        .from(monthlyStatistics)
        .where(and(eq(monthlyStatistics.orgId, org.id), eq(monthlyStatistics.month, "2026-10-01")))
        .then(([r]) => ({ ...r!, generatedAt: null }));
    const before = await read();
    expect(before.figures).toMatchObject({ units: 1, revenueMinor: 250, marginMinor: 250 - 30, failedVends: 1 });
    expect(before.previousMonth).toMatchObject({ units: 1, revenueMinor: 250 });
    expect(before.breakdowns.paymentMethods.map((r) => r.key).sort()).toEqual(["alipay", "card"]);
    // Uptime: hours with a report (two in October) over the machine's hours in October in New York.
    expect(before.figures.uptime).toBeCloseTo(2 / (31 * 24));
    expect(before.breakdowns.machines[0]!.uptime).toBeCloseTo(2 / (31 * 24));
    await withTenant(t.db, org.id, (tx) => generateMonth(tx, org, "2026-10-01"));
    await withTenant(t.db, org.id, (tx) => generateMonth(tx, org, "2026-10-01"));
    expect(await read()).toEqual(before);
  });
});
