import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, ne } from "drizzle-orm";
import { alerts, sales } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { ingestBatch } from "~/server/ingest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createTrpcContext } from "~/server/trpc/init";
import { createCaller } from "~/server/trpc/root";
import { callerFor } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, restock, vend } from "~/test/machines";
import { saleRow } from "~/test/payments";
import { getOverview } from "./overview";
import { callError } from "~/test/trpc-errors";
import { rollUpOrg } from "./rollup";
import { machineContext } from "~/server/context";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 86_400_000;

/** A Berlin org whose cola sells every day, water never, and the bar less and less at a thin margin. */
async function tradingOrg() {
  const m = await createMachineWithPlanogram(t.db, { capacity: 100 });
  const now = Date.now();
  const at = (daysAgo: number, hour = 0) => new Date(now - daysAgo * DAY - hour * 3_600_000);
  const events: unknown[] = [restock([{ slot: "A1", quantity: 100 }, { slot: "A2", quantity: 100 }, { slot: "B1", quantity: 100 }], at(70))];
  for (let d = 1; d <= 60; d++) {
    events.push(vend("A1", { at: at(d, 1) }), vend("A1", { at: at(d, 2), method: "cash" }));
    // The bar sold well in the previous 30 days, rarely in the last 30, and cheaply: low margin.
    if (d > 30 || d % 10 === 0) events.push(vend("B1", { at: at(d, 3), price: 80 }));
  }
  events.push(vend("A1", { at: at(0) }), vend("A1", { at: at(7) }), vend("A1", { at: at(7) }));
  await withTenant(t.db, { orgId: m.org.id }, (tx) =>
    ingestBatch(machineContext(tx, { orgId: m.org.id, machineId: m.machine.id }), { machineId: m.machine.id, events }),
  );
  await rollUpOrg(t.db, { id: m.org.id, timeZone: "Europe/Berlin" });
  return m;
}

describe("overview and rankings", () => {
  it("shows today against the same weekday last week, the fleet, alerts, top products and revenue by day", async () => {
    const m = await tradingOrg();
    const overview = await callerFor(t.db, m.owner).analytics.overview({ orgId: m.org.id });
    expect(overview.byDay).toHaveLength(30);
    expect(overview.byDay.at(-1)!.day).toBe(overview.today);
    expect(overview.todayRevenueMinor).toBeGreaterThanOrEqual(250);
    expect(overview.lastWeekRevenueMinor).toBeGreaterThanOrEqual(2 * 250);
    expect(Object.values(overview.machines).reduce((a, b) => a + b, 0)).toBe(1);
    // Cola sells out over the 60 days: the low-stock rule has an alert open, which the overview counts.
    const open = await t.db.select({ id: alerts.id }).from(alerts).where(and(eq(alerts.orgId, m.org.id), ne(alerts.status, "resolved")));
    expect(open.length).toBeGreaterThan(0);
    expect(overview.openAlerts).toBe(open.length);
    expect(overview.topProducts[0]).toMatchObject({ name: "Cola 0.33 l" });
    expect(await callerFor(t.db, m.owner).analytics.machinesToVisit({ orgId: m.org.id })).toEqual([]);
  });

  it("compares today so far with last week's same weekday up to the same time of day, in the org's zone", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const sell = (iso: string, priceMinor = 250) => saleRow(m.org.id, m.machine.id, { occurredAt: new Date(iso), priceMinor });
    await t.db.insert(sales).values([
      // Today (Tuesday 27 October 2026, Berlin, CET): one sale at 10:00 local.
      sell("2026-10-27T09:00:00Z"),
      // Last Tuesday (still CEST, UTC+2): 10:45 local counts; 11:30 local and the evening do not.
      sell("2026-10-20T08:45:00Z", 400),
      sell("2026-10-20T09:30:00Z"),
      sell("2026-10-20T17:00:00Z"),
      // Another currency and a failed vend are not revenue.
      { ...sell("2026-10-20T08:00:00Z"), currency: "USD" },
      { ...sell("2026-10-20T08:10:00Z"), status: "failed" as const },
    ]);
    // 11:00 in Berlin.
    const overview = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => getOverview(ctx, { now: new Date("2026-10-27T10:00:00Z") }));
    expect(overview).toMatchObject({ today: "2026-10-27", todayRevenueMinor: 250, todayUnits: 1, lastWeekRevenueMinor: 400, lastWeekUnits: 1 });
    // Same wall-clock time across the change from summer time: 11:00 CEST is 09:00 UTC.
    expect(overview.lastWeekUntil).toEqual(new Date("2026-10-20T09:00:00Z"));

    // Late in the evening the whole of last Tuesday up to that hour counts.
    const evening = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => getOverview(ctx, { now: new Date("2026-10-27T22:30:00Z") }));
    expect(evening).toMatchObject({ todayRevenueMinor: 250, lastWeekRevenueMinor: 400 + 250 + 250, lastWeekUnits: 3 });
  });

  it("ranks products and explains each elimination candidate", async () => {
    const m = await tradingOrg();
    const r = await callerFor(t.db, m.owner).analytics.rankings({ orgId: m.org.id });
    expect(r.period.days).toBe(30);
    const byName = Object.fromEntries(r.products.map((p) => [p.name, p]));
    expect(byName["Cola 0.33 l"]!.units).toBeGreaterThan(byName["Water 0.5 l"]!.units);
    expect(byName["Cola 0.33 l"]!.velocity).toBeGreaterThan(0);
    const bar = r.candidates.find((c) => c.name === "Chocolate bar");
    expect(bar?.reasons.join(" ")).toMatch(/Margin of 13 %/);
    expect(bar?.reasons.join(" ")).toMatch(/down \d+ % on the previous 30 days/);
    expect(r.candidates.find((c) => c.name === "Water 0.5 l")?.reasons.join(" ")).toMatch(/a day per slot while in stock/);
    expect(r.candidates.some((c) => c.name === "Cola 0.33 l")).toBe(false);
    // The same reasons in the reader's language.
    const zh = await createCaller(createTrpcContext({ db: t.db, user: m.owner, locale: "zh-CN" })).analytics.rankings({ orgId: m.org.id });
    const zhBar = zh.candidates.find((c) => c.name === "Chocolate bar")!.reasons.join(" ");
    expect(zhBar).toContain("毛利率 13 %，低于 20 %。");
    expect(zhBar).toMatch(/比之前 30 天（\d+ 件）下降 \d+ %/);
    expect(r.locations).toEqual([expect.objectContaining({ name: "Main station", machines: 1, againstMedian: 1 })]);

    const atLocation = await callerFor(t.db, m.owner).analytics.rankings({ orgId: m.org.id, locationId: m.location.id });
    expect(atLocation.products.map((p) => [p.name, p.units]).sort()).toEqual(r.products.map((p) => [p.name, p.units]).sort());
  });

  it("answers a bad period with a field error", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const failure = await callError(callerFor(t.db, m.owner).analytics.rankings({ orgId: m.org.id, from: "2026-10-31", to: "2026-10-01" }));
    expect(failure).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { to: ["The start date must not be after the end date."] } });
    const long = await callError(callerFor(t.db, m.owner).analytics.rankings({ orgId: m.org.id, from: "2010-01-01", to: "2026-10-01" }));
    expect(long).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { from: ["Choose a period of at most three years."] } });
    const month = await callError(callerFor(t.db, m.owner).analytics.statistics({ orgId: m.org.id, month: "2026-13" }));
    expect(month).toMatchObject({ code: "BAD_REQUEST" });
  });
});
