import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, auditSales, auditSelectionSlots, machineAudits, sales, salesDailyMachine, slotForecasts, slots } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { rollUpOrg } from "~/server/analytics";
import { jobContext } from "~/server/context";
import { computeForecasts, getPlanView } from "~/server/replenishment";
import { createTrpcContext } from "~/server/trpc/init";
import { createCaller } from "~/server/trpc/root";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { dexBytes, localNow, sendAudit, type TestAudit } from "~/test/dex";
import { asOwner, createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
import { getSelectionMap, setSelectionMap } from "./views";

// Sales between reads, selection maps, reconciliation with telemetry and machines with audits only,
// through the machine's own upload endpoint.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

type Machine = Awaited<ReturnType<typeof createMachineWithPlanogram>>;
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
const readAt = (at: Date) => localNow(at);

async function upload(m: Machine, audit: TestAudit) {
  const res = await sendAudit(t.db, m.machine.id, m.secret, dexBytes({ serial: m.machine.serial, ...audit }));
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.audit!;
}

const salesOf = (auditId: string) =>
  t.db
    .select({ selection: auditSales.selection, slotCode: auditSales.slotCode, units: auditSales.units, valueMinor: auditSales.valueMinor, flag: auditSales.flag, recordedUnits: auditSales.recordedUnits })
    .from(auditSales)
    .where(eq(auditSales.auditId, auditId))
    .orderBy(asc(auditSales.selection));

describe("sales between reads, and reconciliation with telemetry", () => {
  it("maps selections to slots, takes differences and finds the vends telemetry missed", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 50 });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 40 }, { slot: "A2", quantity: 40 }, { slot: "B1", quantity: 40 }], minutesAgo(120))] });
    const first = await upload(m, {
      ...readAt(minutesAgo(100)),
      paid: { count: 130, value: 30000 },
      selections: [
        { selection: "11", price: 250, count: 100 },
        { selection: "12", price: 150, count: 20 },
        { selection: "21", price: 180, count: 10 },
        { selection: "99", price: 100, count: 0 },
      ],
    });
    expect(await salesOf(first.id)).toEqual([
      { selection: "11", slotCode: "A1", units: null, valueMinor: null, flag: "first_read", recordedUnits: null },
      { selection: "12", slotCode: "A2", units: null, valueMinor: null, flag: "first_read", recordedUnits: null },
      { selection: "21", slotCode: "B1", units: null, valueMinor: null, flag: "first_read", recordedUnits: null },
      { selection: "99", slotCode: null, units: null, valueMinor: null, flag: "first_read", recordedUnits: null },
    ]);
    // Telemetry reports 5 vends on A1 and 2 on A2; the machine's counters say 9 and 2.
    const vends = [...Array.from({ length: 5 }, (_, i) => vend("A1", { at: minutesAgo(60 - i) })), vend("A2", { at: minutesAgo(50), price: 150 }), vend("A2", { at: minutesAgo(49), price: 150 })];
    await sendEvents(t.db, m.machine.id, m.secret, { events: vends });
    const second = await upload(m, {
      ...readAt(minutesAgo(1)),
      paid: { count: 141, value: 32550 },
      selections: [
        { selection: "11", price: 250, count: 109 },
        { selection: "12", price: 150, count: 22 },
        { selection: "21", price: 180, count: 10 },
        { selection: "99", price: 100, count: 0 },
      ],
    });
    expect(await salesOf(second.id)).toEqual([
      { selection: "11", slotCode: "A1", units: 9, valueMinor: 2250, flag: null, recordedUnits: 5 },
      { selection: "12", slotCode: "A2", units: 2, valueMinor: 300, flag: null, recordedUnits: 2 },
      { selection: "21", slotCode: "B1", units: 0, valueMinor: 0, flag: null, recordedUnits: 0 },
      { selection: "99", slotCode: null, units: 0, valueMinor: 0, flag: null, recordedUnits: null },
    ]);
    // 4 missed on A1 reaches the default threshold of 3: one alert, saying so.
    const open = await t.db.select().from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.rule, "audit_missed_vends")));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ code: "A1", status: "open", data: { slot: "A1", missed: 4, auditUnits: 9, recordedUnits: 5, auditId: second.id } });
    expect(open[0]!.message).toBe("The audit counted 9 vends on slot A1 since the last audit; telemetry recorded 5, so it missed 4.");

    // The next audit agrees with telemetry: the alert resolves.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { at: new Date(Date.now() - 20_000) })] });
    const third = await upload(m, {
      ...readAt(new Date()),
      paid: { count: 142, value: 32800 },
      selections: [
        { selection: "11", price: 250, count: 110 },
        { selection: "12", price: 150, count: 22 },
        { selection: "21", price: 180, count: 10 },
        { selection: "99", price: 100, count: 0 },
      ],
    });
    expect((await salesOf(third.id))[0]).toMatchObject({ selection: "11", units: 1, recordedUnits: 1 });
    const [after] = await t.db.select({ status: alerts.status }).from(alerts).where(eq(alerts.id, open[0]!.id));
    expect(after!.status).toBe("resolved");

    // The operator maps the unmatched selection by hand; automatic matching leaves it from then on.
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => setSelectionMap(ctx, { machineId: m.machine.id, entries: [{ selection: "99", slotCode: "B1" }] }));
    const map = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => getSelectionMap(ctx, { machineId: m.machine.id }));
    expect(map.entries).toEqual([
      { selection: "11", slotCode: "A1", source: "auto" },
      { selection: "12", slotCode: "A2", source: "auto" },
      { selection: "21", slotCode: "B1", source: "auto" },
      { selection: "99", slotCode: "B1", source: "manual" },
    ]);
    expect((await salesOf(third.id)).find((s) => s.selection === "99")).toMatchObject({ slotCode: "B1" });
  });

  it("handles a reset, a counter that went back, 4294967295 and a missing read, each flagged", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const base = (count: number, at: Date, extra: Partial<TestAudit> = {}) => upload(m, { ...readAt(at), paid: { count, value: count * 100 }, ...extra });
    await base(300, minutesAgo(300), { selections: [{ selection: "A1", price: 100, count: 200 }, { selection: "A2", price: 100, count: 100 }] });
    // A2 alone goes back; A1 reads 4294967295; a new selection B1 appears.
    const second = await base(310, minutesAgo(200), {
      selections: [{ selection: "A1", price: 100, count: 4294967295 }, { selection: "A2", price: 100, count: 90 }, { selection: "B1", price: 100, count: 4 }],
    });
    expect(await salesOf(second.id)).toEqual([
      // No telemetry to compare with: this machine only sends audits.
      { selection: "A1", slotCode: "A1", units: null, valueMinor: null, flag: "no_value", recordedUnits: null },
      { selection: "A2", slotCode: "A2", units: null, valueMinor: null, flag: "went_back", recordedUnits: null },
      { selection: "B1", slotCode: "B1", units: 4, valueMinor: 400, flag: "new_selection", recordedUnits: null },
    ]);
    expect(second.quality.map((q) => q.code)).toContain("counter_went_back");
    // A page reads the notes in its language; the stored note keeps its English.
    expect(second.quality.find((q) => q.code === "counter_went_back")!.message).toBe("Selection A2's paid count went back since the previous audit.");
    const inChinese = await createCaller(createTrpcContext({ db: t.db, user: m.owner, locale: "zh-CN" })).audits.get({ orgId: m.org.id, auditId: second.id });
    expect(inChinese.quality.find((q) => q.code === "counter_went_back")!.message).toBe("自上次 DEX 审计数据以来，选货 A2 的已付款次数出现回退。");
    // The machine is initialised again: its counters are the sales since.
    const third = await base(12, minutesAgo(100), { selections: [{ selection: "A1", price: 100, count: 7 }, { selection: "A2", price: 100, count: 5 }] });
    expect((await salesOf(third.id)).map((s) => [s.selection, s.units, s.flag])).toEqual([
      ["A1", 7, "reset"],
      ["A2", 5, "reset"],
    ]);
    expect(third.quality.map((q) => q.code)).toContain("counters_reset");
    // The machine says it was last read at a time VendOps has no audit of.
    const fourth = await base(20, minutesAgo(10), {
      previous: { date: readAt(minutesAgo(50)).date, time: readAt(minutesAgo(50)).time },
      selections: [{ selection: "A1", price: 100, count: 10 }, { selection: "A2", price: 100, count: 10 }],
    });
    expect((await salesOf(fourth.id)).map((s) => [s.selection, s.units, s.flag])).toEqual([
      ["A1", 3, "missing_read"],
      ["A2", 5, "missing_read"],
    ]);
    expect(fourth.quality.map((q) => q.code)).toContain("missing_read");
  });

  it("takes an older audit uploaded late as the middle read, and the later one's differences again", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const sel = (count: number) => [{ selection: "11", price: 250, count }];
    await upload(m, { ...readAt(minutesAgo(300)), paid: { count: 10, value: 2500 }, selections: sel(10) });
    const latest = await upload(m, { ...readAt(minutesAgo(10)), paid: { count: 30, value: 7500 }, selections: sel(30) });
    expect((await salesOf(latest.id))[0]).toMatchObject({ units: 20 });
    const middle = await upload(m, { ...readAt(minutesAgo(100)), paid: { count: 18, value: 4500 }, selections: sel(18) });
    expect((await salesOf(middle.id))[0]).toMatchObject({ units: 8 });
    expect((await salesOf(latest.id))[0]).toMatchObject({ units: 12 });
  });
});

describe("a machine with audits only", () => {
  it("gets its sales and stock from the audit differences, once, and appears in statistics and plans", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 80 });
    // Filled by a technician a week ago (not the machine reporting: it has no telemetry).
    await withTenant(t.db, { orgId: m.org.id }, (tx) =>
      tx.update(slots).set({ stock: 80, stockCountedAt: new Date(Date.now() - 9 * 86_400_000) }).where(eq(slots.machineId, m.machine.id)),
    );
    const sel = (a1: number, a2: number) => [
      { selection: "11", price: 250, count: a1 },
      { selection: "12", price: 150, count: a2 },
    ];
    await upload(m, { ...readAt(new Date(Date.now() - 8 * 86_400_000)), paid: { count: 300, value: 65000 }, cash: 40000, cashless: 25000, selections: sel(200, 100) });
    const read = readAt(minutesAgo(5));
    const audit = await upload(m, {
      ...read,
      paid: { count: 340, value: 74500 },
      cash: 40000 + 4750,
      cashless: 25000 + 4750,
      selections: sel(230, 110),
    });
    const inferred = await t.db
      .select({ slot: sales.slotCode, price: sales.priceMinor, method: sales.paymentMethod, inferred: sales.inferred, at: sales.occurredAt })
      .from(sales)
      .where(eq(sales.machineId, m.machine.id));
    expect(inferred).toHaveLength(40);
    expect(inferred.every((s) => s.inferred)).toBe(true);
    expect(inferred.filter((s) => s.slot === "A1").map((s) => s.price)).toEqual(Array(30).fill(250));
    expect(inferred.filter((s) => s.slot === "A2").map((s) => s.price)).toEqual(Array(10).fill(150));
    // Half the value moved in cash, half cashless.
    expect(inferred.filter((s) => s.method === "cash")).toHaveLength(20);
    // Spread over the eight days between the reads.
    const times = inferred.map((s) => s.at.getTime()).sort();
    expect(times[0]!).toBeLessThan(Date.now() - 7 * 86_400_000);
    expect(times.at(-1)!).toBeGreaterThan(Date.now() - 86_400_000);
    // Stock went down by what was sold.
    const stock = await t.db.select({ code: slots.code, stock: slots.stock }).from(slots).where(eq(slots.machineId, m.machine.id)).orderBy(asc(slots.code));
    expect(stock).toEqual([
      { code: "A1", stock: 50 },
      { code: "A2", stock: 70 },
      { code: "B1", stock: 80 },
    ]);
    // The same file again changes nothing.
    const again = await sendAudit(t.db, m.machine.id, m.secret, dexBytes({ serial: m.machine.serial, ...read, paid: { count: 340, value: 74500 }, cash: 44750, cashless: 29750, selections: sel(230, 110) }));
    expect(again.json.audit).toMatchObject({ status: "duplicate", id: audit.id });
    expect(await t.db.$count(sales, eq(sales.machineId, m.machine.id))).toBe(40);

    // Statistics: the rollup counts them.
    await rollUpOrg(t.db, { id: m.org.id, timeZone: "Europe/Berlin" });
    const daily = await t.db.select({ units: salesDailyMachine.units, revenue: salesDailyMachine.revenueMinor }).from(salesDailyMachine).where(eq(salesDailyMachine.machineId, m.machine.id));
    expect(daily.reduce((n, d) => n + Number(d.units), 0)).toBe(40);
    expect(daily.reduce((n, d) => n + Number(d.revenue), 0)).toBe(30 * 250 + 10 * 150);
    // Plans: forecasts learn from them and the plan includes the machine.
    await withTenant(t.db, { orgId: m.org.id }, (tx) => computeForecasts(jobContext(tx, { orgId: m.org.id, name: "test" })));
    const forecasts = await t.db.select({ slot: slotForecasts.slotCode, level: slotForecasts.level }).from(slotForecasts).where(eq(slotForecasts.machineId, m.machine.id)).orderBy(asc(slotForecasts.slotCode));
    expect(forecasts.find((f) => f.slot === "A1")!.level).toBeGreaterThan(0);
    const plan = await withTenant(t.db, { orgId: m.org.id }, (tx) => getPlanView(jobContext(tx, { orgId: m.org.id, name: "test" })));
    expect(plan.machines.map((p) => p.machineId)).toContain(m.machine.id);
  });

  it("keeps audits and selection maps to their org", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const b = await createMachineWithPlanogram(t.db);
    await upload(a, { selections: [{ selection: "11", price: 100, count: 1 }] });
    // b's member cannot see a's audits, even with no filter in the query (row-level security).
    const seen = await withTenant(t.db, { orgId: b.org.id }, (tx) => tx.select({ id: machineAudits.id }).from(machineAudits));
    expect(seen).toEqual([]);
    const maps = await withTenant(t.db, { orgId: b.org.id }, (tx) => tx.select().from(auditSelectionSlots));
    expect(maps).toEqual([]);
    await expect(asOwner(t.db, b.org.id, b.owner.id, (ctx) => getSelectionMap(ctx, { machineId: a.machine.id }))).rejects.toMatchObject({ kind: "NOT_FOUND" });
  });
});
