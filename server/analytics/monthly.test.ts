import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthlyStatistics, organizations, refunds, sales } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { ingestBatch } from "~/server/ingest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor } from "~/test/factories";
import { createMachineWithPlanogram, restock, vend } from "~/test/machines";
import { pdfTexts } from "~/test/pdf-text";
import { generateDueMonths, generateMonth } from "./monthly";
import { statisticsCsv, statisticsForExport, statisticsPdf } from "./statistics-export";
import { machineContext, systemContext } from "~/server/context";

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
    withTenant(t.db, { orgId: org.id }, (tx) =>
      ingestBatch(machineContext(tx, { orgId: org.id, machineId: m.machine.id }), { machineId: m.machine.id, events, receivedAt: new Date("2026-12-02T12:00:00Z") }),
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
    const first = await generateDueMonths(t.db, { org, now: new Date("2026-11-24T12:00:00Z") });
    expect(first).toEqual(["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"]);
    expect(await stored(org.id)).toMatchObject({ "2026-02-01": 1, "2026-03-01": 3, "2026-04-01": 1, "2026-05-01": 0, "2026-10-01": 1 });

    // 23:30 on 30 November in New York is December in UTC, but November is not over there yet.
    expect(await generateDueMonths(t.db, { org, now: new Date("2026-12-01T04:30:00Z") })).toEqual([]);
    // Half an hour after midnight in New York: November just closed.
    expect(await generateDueMonths(t.db, { org, now: new Date("2026-12-01T05:30:00Z") })).toEqual(["2026-11-01"]);
    const [november] = await t.db.select().from(monthlyStatistics).where(and(eq(monthlyStatistics.orgId, org.id), eq(monthlyStatistics.month, "2026-11-01")));
    expect(november!.figures).toMatchObject({ units: 2, revenueMinor: 500, failedVends: 1, refunds: 1, refundMinor: 250, failureRate: 1 / 3 });
    expect(november!.previousMonth).toMatchObject({ units: 1 });
    expect(november!.breakdowns.products).toEqual([expect.objectContaining({ label: "Cola 0.33 l", units: 2, revenueMinor: 500, marginMinor: 500 - 2 * 90 })]);
    // Nothing more is due once every closed month is kept.
    expect(await generateDueMonths(t.db, { org, now: new Date("2026-12-01T05:30:00Z") })).toEqual([]);
  });

  it("is idempotent: generating a month again gives the same row", async () => {
    const { org, ingest } = await newYorkMachine();
    await ingest([
      restock([{ slot: "A1", quantity: 50 }, { slot: "A2", quantity: 50 }], new Date("2026-09-01T12:00:00Z")),
      vend("A1", { at: new Date("2026-09-10T15:00:00Z") }),
      vend("A2", { at: new Date("2026-10-10T15:00:00Z"), method: "alipay" }),
      vend("A2", { at: new Date("2026-10-11T15:00:00Z"), ok: false, method: "card" }),
    ]);
    // A manager refunds October's Alipay sale by hand: an "other" refund of October.
    await withTenant(t.db, { orgId: org.id }, async (tx) => {
      const [sale] = await tx.select().from(sales).where(and(eq(sales.orgId, org.id), eq(sales.paymentMethod, "alipay")));
      await tx.insert(refunds).values({
        id: `rf_${sale!.id}`,
        orgId: org.id,
        saleId: sale!.id,
        origin: "manual",
        amountMinor: 250,
        currency: "EUR",
        paymentMethod: "alipay",
        reason: "wrong product",
        createdAt: new Date("2026-10-20T12:00:00Z"),
      });
    });
    await generateDueMonths(t.db, { org, now: new Date("2026-11-24T12:00:00Z") });
    const read = () =>
      t.db
        .select()
        .from(monthlyStatistics)
        .where(and(eq(monthlyStatistics.orgId, org.id), eq(monthlyStatistics.month, "2026-10-01")))
        .then(([r]) => ({ ...r!, generatedAt: null }));
    const before = await read();
    expect(before.figures).toMatchObject({ units: 1, revenueMinor: 250, marginMinor: 250 - 30, failedVends: 1, refunds: 1, refundMinor: 250, otherRefunds: 1, otherRefundMinor: 250 });
    expect(before.previousMonth).toMatchObject({ otherRefunds: 0 });
    expect(before.previousMonth).toMatchObject({ units: 1, revenueMinor: 250 });
    expect(before.breakdowns.paymentMethods.map((r) => r.key).sort()).toEqual(["alipay", "card"]);
    // Uptime: hours with a report (two in October) over the machine's hours in October in New York.
    expect(before.figures.uptime).toBeCloseTo(2 / (31 * 24));
    expect(before.breakdowns.machines[0]!.uptime).toBeCloseTo(2 / (31 * 24));
    await withTenant(t.db, { orgId: org.id }, (tx) => generateMonth(systemContext(tx, { orgId: org.id, actor: "system" }), { timeZone: org.timeZone, currency: org.currency, month: "2026-10-01" }));
    await withTenant(t.db, { orgId: org.id }, (tx) => generateMonth(systemContext(tx, { orgId: org.id, actor: "system" }), { timeZone: org.timeZone, currency: org.currency, month: "2026-10-01" }));
    expect(await read()).toEqual(before);
  });

  it("writes a catch-up of many months in one run exactly as month by month", async () => {
    const { org, ingest } = await newYorkMachine();
    await ingest([
      restock([{ slot: "A1", quantity: 50 }, { slot: "A2", quantity: 50 }], new Date("2025-08-01T12:00:00Z")),
      vend("A1", { at: new Date("2025-09-03T15:00:00Z") }),
      vend("A2", { at: new Date("2025-10-03T15:00:00Z"), method: "cash" }),
      vend("A2", { at: new Date("2026-01-15T15:00:00Z"), ok: false, method: "card" }),
      vend("A1", { at: new Date("2026-09-03T15:00:00Z"), method: "alipay" }),
      vend("A1", { at: new Date("2026-10-03T15:00:00Z") }),
      vend("A2", { at: new Date("2026-10-04T15:00:00Z") }),
    ]);
    const all = () =>
      t.db
        .select()
        .from(monthlyStatistics)
        .where(eq(monthlyStatistics.orgId, org.id))
        .orderBy(monthlyStatistics.month)
        .then((rows) => rows.map((r) => ({ ...r, generatedAt: null })));

    const months = await generateDueMonths(t.db, { org, now: new Date("2026-11-24T12:00:00Z") });
    expect(months).toHaveLength(14);
    const together = await all();
    const october = together.find((r) => r.month === "2026-10-01")!;
    expect(october.figures).toMatchObject({ units: 2, revenueMinor: 500 });
    expect(october.previousMonth).toMatchObject({ units: 1, revenueMinor: 250 });
    expect(october.previousYear).toMatchObject({ units: 1, revenueMinor: 250 });
    expect(together.find((r) => r.month === "2026-09-01")!.previousYear).toMatchObject({ units: 1 });
    // August 2025 (the restock) is before the first sale: September's previous month is none.
    expect(together[0]).toMatchObject({ month: "2025-09-01", previousMonth: null, previousYear: null });

    await t.db.delete(monthlyStatistics).where(eq(monthlyStatistics.orgId, org.id));
    for (const month of months) await withTenant(t.db, { orgId: org.id }, (tx) => generateMonth(systemContext(tx, { orgId: org.id, actor: "system" }), { timeZone: org.timeZone, currency: org.currency, month }));
    expect(await all()).toEqual(together);
  });

  it("writes a kept month again when a machine reports sales in it late, and the month after it", async () => {
    const { org, m } = await newYorkMachine();
    const ingestAt = (events: unknown[], receivedAt: Date) =>
      withTenant(t.db, { orgId: org.id }, (tx) => ingestBatch(machineContext(tx, { orgId: org.id, machineId: m.machine.id }), { machineId: m.machine.id, events, receivedAt }));
    await ingestAt(
      [
        restock([{ slot: "A1", quantity: 50 }], new Date("2026-09-01T12:00:00Z")),
        vend("A1", { at: new Date("2026-09-10T15:00:00Z") }),
        vend("A1", { at: new Date("2026-10-10T15:00:00Z") }),
      ],
      new Date("2026-10-10T15:01:00Z"),
    );
    expect(await generateDueMonths(t.db, { org, now: new Date("2026-11-02T12:00:00Z") })).toEqual(["2026-09-01", "2026-10-01"]);
    const month = (m: string) =>
      t.db
        .select()
        .from(monthlyStatistics)
        .where(and(eq(monthlyStatistics.orgId, org.id), eq(monthlyStatistics.month, m)))
        .then(([r]) => r!);
    expect((await month("2026-09-01")).revisedAt).toBeNull();

    // A machine that was offline sends a September sale in November.
    const late = vend("A1", { at: new Date("2026-09-20T15:00:00Z") });
    await ingestAt([late], new Date("2026-11-03T09:00:00Z"));
    expect(await generateDueMonths(t.db, { org, now: new Date("2026-11-03T12:00:00Z") })).toEqual(["2026-09-01", "2026-10-01"]);
    const september = await month("2026-09-01");
    expect(september.figures).toMatchObject({ units: 2, revenueMinor: 500 });
    expect(september).toMatchObject({ stale: false, revisedAt: expect.any(Date) });
    expect((await month("2026-10-01")).previousMonth).toMatchObject({ units: 2 });
    // Written again once only.
    expect(await generateDueMonths(t.db, { org, now: new Date("2026-11-03T13:00:00Z") })).toEqual([]);
    // A late report that repeats an event already counted changes nothing.
    await ingestAt([late], new Date("2026-11-03T14:00:00Z"));
    expect(await generateDueMonths(t.db, { org, now: new Date("2026-11-03T15:00:00Z") })).toEqual([]);
  });

  it("marks the first month of history partial and computes no change against a partial month", async () => {
    const { m, org } = await newYorkMachine();
    const at = (iso: string) => new Date(iso);
    // The machine first reports on 10 February 2026 (New York), a year and more of sales follows.
    await withTenant(t.db, { orgId: org.id }, (tx) =>
      ingestBatch(machineContext(tx, { orgId: org.id, machineId: m.machine.id }), { machineId: m.machine.id, receivedAt: at("2027-04-01T17:00:00Z"), events: [
        restock([{ slot: "A1", quantity: 50 }], at("2026-02-10T17:00:00Z")),
        vend("A1", { at: at("2026-02-15T17:00:00Z") }),
        vend("A1", { at: at("2026-03-10T17:00:00Z") }),
        vend("A1", { at: at("2027-02-10T17:00:00Z") }),
        vend("A1", { at: at("2027-03-10T17:00:00Z") }),
      ] }),
    );
    await generateDueMonths(t.db, { org, now: at("2027-04-02T12:00:00Z") });
    const api = callerFor(t.db, m.owner);
    const month = (yyyyMm: string) => api.analytics.statistics({ orgId: org.id, month: yyyyMm }).then((s) => s!);

    const february = await month("2026-02");
    expect(february).toMatchObject({ partial: true, historySince: at("2026-02-10T17:00:00Z") });
    // The exports say so too.
    const exported = (await statisticsForExport(t.db, { orgId: org.id, userId: m.owner.id, role: "owner", name: m.owner.name, month: "2026-02" }))!;
    const options = { orgName: "Partial Vending", paymentMethodLabel: (x: string) => x };
    const csv = parse(statisticsCsv(exported, options), { columns: true, bom: true }) as Record<string, string>[];
    expect(csv.map((r) => [r.section, r.partial])).toEqual(expect.arrayContaining([["month", "true"], ["machine", ""]]));
    expect(pdfTexts(await statisticsPdf(exported, options)).some((x) => x.text.includes("partial month"))).toBe(true);
    // March is whole, but February is not: no month-over-month change against it.
    expect(await month("2026-03")).toMatchObject({ partial: false, previousMonth: null, previousMonthPartial: true });
    expect(await month("2026-04")).toMatchObject({ partial: false, previousMonthPartial: false, previousMonth: { units: 1 } });
    // A year on: no year-over-year change against the partial February, one against the whole March.
    expect(await month("2027-02")).toMatchObject({ partial: false, previousYear: null, previousYearPartial: true });
    expect(await month("2027-03")).toMatchObject({ partial: false, previousYearPartial: false, previousYear: { units: 1 } });
  });

  it("does not mark a month partial when the history starts at its first moment", async () => {
    const { m, org, ingest } = await newYorkMachine();
    // Midnight of 1 September in New York is 04:00 UTC.
    await ingest([restock([{ slot: "A1", quantity: 50 }], new Date("2026-09-01T04:00:00Z")), vend("A1", { at: new Date("2026-09-03T12:00:00Z") })]);
    await generateDueMonths(t.db, { org, now: new Date("2026-11-02T12:00:00Z") });
    const september = await callerFor(t.db, m.owner).analytics.statistics({ orgId: org.id, month: "2026-09" });
    expect(september).toMatchObject({ partial: false, previousMonthPartial: true, previousYearPartial: true });
  });
});
