import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceCtx } from "~/server/context";
import { registerMachine } from "~/server/fleet";
import { createDeliveryRoute } from "~/server/replenishment";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, createOrg } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, eventId, sendEvents, vend } from "~/test/machines";
import { cashSummaries, cashTrend, listCollections, openCashCsv, recordCashCount } from ".";

let t: TestDatabase;
let data: Awaited<ReturnType<typeof seed>>;
beforeAll(async () => {
  t = await createTestDatabase();
  data = await seed();
});
afterAll(async () => {
  await t.drop();
});

/** Noon (UTC, so the same day in Berlin) on `day` of the month `daysBack` days ago. */
function dayOfMonthAgo(daysBack: number, day: number) {
  const then = new Date(Date.now() - daysBack * 86_400_000);
  const at = new Date(Date.UTC(then.getUTCFullYear(), then.getUTCMonth(), day, 12));
  return { at, month: at.toISOString().slice(0, 7) };
}

/**
 * Two months of collections worked out by hand. Machine 1 (route North loop): 10.00 sold and 9.00
 * counted by the owner (short 1.00) in the first month; 6.00 sold and 7.00 counted by the
 * technician (over 1.00) in the second. Machine 2 (no route, no sales): 2.50 counted by the
 * technician (over 2.50, beyond the 2.00 threshold) and 0.30 reported by the machine itself.
 */
async function seed() {
  const m = await createMachineWithPlanogram(t.db);
  const orgId = m.org.id;
  const technician = await addMember(t.db, orgId, "technician");
  const second = await asOwner(t.db, orgId, m.owner.id, (ctx) => registerMachine(ctx, { name: "Depot", serial: `SN-D-${orgId.slice(-6)}` }));
  const route = await asOwner(t.db, orgId, m.owner.id, (ctx) => createDeliveryRoute(ctx, { name: "North loop", machineIds: [m.machine.id] }));
  const first = { on: (day: number) => dayOfMonthAgo(75, day) };
  const next = { on: (day: number) => dayOfMonthAgo(35, day) };
  const cash = (price: number, at: Date) => vend("A1", { method: "cash", price, at });
  await sendEvents(t.db, m.machine.id, m.secret, { events: [cash(500, first.on(5).at), cash(500, first.on(6).at), cash(600, next.on(5).at)] });
  const count = (machineId: string, input: { countedMinor: number; at: Date; technicianId: string; routeId?: string }) =>
    asOwner(t.db, orgId, m.owner.id, (ctx) =>
      recordCashCount(ctx, { machineId, key: `report-${eventId()}`, countedMinor: input.countedMinor, occurredAt: input.at, technicianId: input.technicianId, routeId: input.routeId ?? null }),
    );
  await count(m.machine.id, { countedMinor: 900, at: first.on(10).at, technicianId: m.owner.id, routeId: route.id });
  await count(m.machine.id, { countedMinor: 700, at: next.on(10).at, technicianId: technician.id });
  await count(second.machine.id, { countedMinor: 250, at: next.on(12).at, technicianId: technician.id });
  await sendEvents(t.db, second.machine.id, second.credentials.secret, {
    events: [{ id: eventId(), type: "cash.collected", occurredAt: next.on(15).at.toISOString(), data: { amountMinor: 30, currency: "EUR" } }],
  });
  return { m, orgId, owner: m.owner, technician, route, second, months: [first.on(1).month, next.on(1).month] as const };
}

const asOwnerOfData = <T,>(fn: (ctx: ServiceCtx) => Promise<T>) => asOwner(t.db, data.orgId, data.owner.id, fn);
const zero = { overMinor: 0, shortMinor: 0, flagged: 0 };

describe("cash summaries", () => {
  it("add up over and short per technician, per route and per month", async () => {
    const [firstMonth, nextMonth] = data.months;
    const s = await asOwnerOfData((ctx) => cashSummaries(ctx, {}));
    const byTechnician = Object.fromEntries(s.byTechnician.map((r) => [r.technicianId ?? "machine", r]));
    expect(byTechnician[data.owner.id]).toMatchObject({ collections: 1, expectedMinor: 1_000, countedMinor: 900, varianceMinor: -100, ...zero, shortMinor: -100 });
    expect(byTechnician[data.technician.id]).toMatchObject({ technicianName: data.technician.name, collections: 2, expectedMinor: 600, countedMinor: 950, varianceMinor: 350, overMinor: 350, shortMinor: 0, flagged: 1 });
    expect(byTechnician.machine).toMatchObject({ technicianName: null, collections: 1, expectedMinor: 0, countedMinor: 30, varianceMinor: 30, overMinor: 30, shortMinor: 0, flagged: 0 });

    expect(s.byRoute).toEqual([
      expect.objectContaining({ routeId: data.route.id, routeName: "North loop", collections: 2, expectedMinor: 1_600, countedMinor: 1_600, varianceMinor: 0, overMinor: 100, shortMinor: -100, flagged: 0 }),
      expect.objectContaining({ routeId: null, routeName: null, collections: 2, expectedMinor: 0, countedMinor: 280, varianceMinor: 280, overMinor: 280, flagged: 1 }),
    ]);
    expect(s.byMonth).toEqual([
      expect.objectContaining({ month: firstMonth, collections: 1, expectedMinor: 1_000, countedMinor: 900, varianceMinor: -100 }),
      expect.objectContaining({ month: nextMonth, collections: 3, expectedMinor: 600, countedMinor: 980, varianceMinor: 380, overMinor: 380, flagged: 1 }),
    ]);
    expect(s.totals).toEqual([expect.objectContaining({ currency: "EUR", collections: 4, expectedMinor: 1_600, countedMinor: 1_880, varianceMinor: 280 })]);
  });

  it("follow the filter", async () => {
    const [firstMonth] = data.months;
    const s = await asOwnerOfData((ctx) => cashSummaries(ctx, { fromMonth: firstMonth, toMonth: firstMonth }));
    expect(s.totals).toEqual([expect.objectContaining({ collections: 1, varianceMinor: -100 })]);
    const own = await asOwnerOfData((ctx) => cashSummaries(ctx, { machineId: data.second.machine.id }));
    expect(own.totals).toEqual([expect.objectContaining({ collections: 2, countedMinor: 280 })]);
  });
});

describe("the collections list", () => {
  it("filters by technician, route, month and source, newest first, a page at a time", async () => {
    const [firstMonth, nextMonth] = data.months;
    const list = (input: Parameters<typeof listCollections>[1]) => asOwnerOfData((ctx) => listCollections(ctx, input));
    const all = await list({});
    expect(all.collections.map((c) => [c.machineName, c.source, c.expectedMinor, c.countedMinor, c.varianceMinor])).toEqual([
      ["Depot", "machine", 0, 30, 30],
      ["Depot", "technician", 0, 250, 250],
      ["Station hall 1", "technician", 600, 700, 100],
      ["Station hall 1", "technician", 1_000, 900, -100],
    ]);
    expect(all.collections[2]).toMatchObject({ routeName: "North loop", technicianName: data.technician.name, reportedMinor: null });
    expect(all.collections[0]).toMatchObject({ reportedMinor: 30, technicianName: null, routeName: null });
    expect((await list({ technicianId: data.technician.id })).collections).toHaveLength(2);
    expect((await list({ routeId: data.route.id })).collections.map((c) => c.countedMinor)).toEqual([700, 900]);
    expect((await list({ fromMonth: firstMonth, toMonth: firstMonth })).collections.map((c) => c.countedMinor)).toEqual([900]);
    expect((await list({ fromMonth: nextMonth, source: "machine" })).collections.map((c) => c.countedMinor)).toEqual([30]);

    const page1 = await list({ limit: 3 });
    expect(page1.collections).toHaveLength(3);
    const page2 = await list({ limit: 3, cursor: page1.nextCursor });
    expect(page2).toEqual({ collections: [expect.objectContaining({ countedMinor: 900 })], nextCursor: undefined });
  });

  it("exports as CSV, oldest first, in the org's zone", async () => {
    const [firstMonth] = data.months;
    const csv = await asOwnerOfData(async (ctx) => new Response(await openCashCsv(ctx, { filter: {}, timeZone: "Europe/Berlin" })).text());
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("occurred_at_local,occurred_at_utc,collection_id,machine,location,source,technician,route,period_start_utc,reported,expected,counted,variance,currency,note");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(new RegExp(`^${firstMonth}-10 1[34]:00:00,${firstMonth}-10T12:00:00.000Z,csh_\\w+,Station hall 1,Main station,technician,[^,]+,North loop,,,10.00,9.00,-1.00,EUR,$`));
    expect(lines[4]).toContain(",machine,,,");
  });

  it("trends expected against counted per month", async () => {
    const [firstMonth, nextMonth] = data.months;
    const trend = await asOwnerOfData((ctx) => cashTrend(ctx, { unit: "month", from: `${firstMonth}-01` }));
    expect(trend).toEqual([
      { start: `${firstMonth}-01`, currency: "EUR", collections: 1, expectedMinor: 1_000, countedMinor: 900 },
      { start: `${nextMonth}-01`, currency: "EUR", collections: 3, expectedMinor: 600, countedMinor: 980 },
    ]);
  });

  it("shows another organization none of it", async () => {
    const other = await createOrg(t.db);
    const list = await asOwner(t.db, other.org.id, other.owner.id, (ctx) => listCollections(ctx, {}));
    expect(list.collections).toEqual([]);
    const s = await asOwner(t.db, other.org.id, other.owner.id, (ctx) => cashSummaries(ctx, {}));
    expect(s).toEqual({ byTechnician: [], byRoute: [], byMonth: [], totals: [] });
  });
});
