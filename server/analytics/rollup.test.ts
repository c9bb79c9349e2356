import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, queryRows, type Db } from "~/db/client";
import { organizations } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { ingestBatch } from "~/server/ingest";
import { createTestDatabase, testDriver, type TestDatabase } from "~/test/db";
import { setPlanogram } from "~/server/inventory";
import { registerMachine } from "~/server/fleet";
import { asOwner, createMachineWithPlanogram, restock, vend } from "~/test/machines";
import { rollUpOrg, salesAggregate } from "./rollup";
import { machineContext } from "~/server/context";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

type Row = Record<string, string | number>;
const canonical = (rows: Row[]) =>
  rows
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v])))
    .map((r) => JSON.stringify(r))
    .sort();

const FIGURES = "sum(units)::int as units, sum(revenue_minor)::int as revenue, sum(cost_minor)::int as cost, sum(failed_vends)::int as failed, sum(refunds)::int as refunds, sum(refund_minor)::int as refund_minor";

/** Every rollup of the org against the same figures computed from raw sales right now. */
async function expectRollupsMatchRawSales(db: Db, orgId: string, timeZone: string) {
  const raw = salesAggregate(timeZone, sql`s.org_id = ${orgId}`);
  const cases: [string, string, string][] = [
    ["sales_daily", "day, machine_id, slot_code, product_id, location_id, payment_method, currency", "true"],
    ["sales_daily_org", "day, payment_method, currency", "true"],
    ["sales_daily_machine", "day, machine_id, location_id, currency", "machine_id <> '*'"],
    ["sales_daily_product", "day, product_id, location_id, currency", "location_id <> '*'"],
  ];
  // Keys are compared as the text of a row of the key columns.
  for (const [table, keys, rows] of cases) {
    const rolled = await queryRows<Row>(db, sql`select (${sql.raw(keys)})::text as k, ${sql.raw(FIGURES)} from ${sql.raw(table)} where org_id = ${orgId} and ${sql.raw(rows)} group by 1`);
    const expected = await queryRows<Row>(db, sql`select (${sql.raw(keys)})::text as k, ${sql.raw(FIGURES)} from (${raw}) d group by 1`);
    expect(canonical(rolled), table).toEqual(canonical(expected));
  }
  const allLocations = await queryRows<Row>(db, sql`select day::text || product_id as k, ${sql.raw(FIGURES)} from sales_daily_product where org_id = ${orgId} and location_id = '*' group by 1`);
  const byProduct = await queryRows<Row>(db, sql`select day::text || product_id as k, ${sql.raw(FIGURES)} from (${raw}) d group by 1`);
  expect(canonical(allLocations)).toEqual(canonical(byProduct));
  const allMachines = await queryRows<Row>(db, sql`select (day, location_id)::text as k, ${sql.raw(FIGURES)} from sales_daily_machine where org_id = ${orgId} and machine_id = '*' group by 1`);
  const byLocation = await queryRows<Row>(db, sql`select (day, location_id)::text as k, ${sql.raw(FIGURES)} from (${raw}) d group by 1`);
  expect(canonical(allMachines)).toEqual(canonical(byLocation));
}

type Step =
  | { kind: "vend"; slot: string; ok: boolean; method: string; price: number; minutesAgo: number }
  | { kind: "restock"; slot: string; quantity: number; minutesAgo: number }
  | { kind: "repeat"; back: number }
  | { kind: "flush" }
  | { kind: "rollup" };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("vend" as const), slot: fc.constantFrom("A1", "A2", "B1"), ok: fc.boolean(), method: fc.constantFrom("cash", "card", "alipay", "free"), price: fc.constantFrom(0, 150, 250), minutesAgo: fc.integer({ min: 0, max: 60 * 24 * 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restock" as const), slot: fc.constantFrom("A1", "A2", "B1"), quantity: fc.integer({ min: 0, max: 3 }), minutesAgo: fc.integer({ min: 0, max: 60 * 24 * 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("repeat" as const), back: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.constant({ kind: "flush" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "rollup" as const }) },
);

describe("sales rollups", () => {
  it("equal the aggregates of raw sales after random streams with late, repeated events and interleaved runs", async () => {
    const zones = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"];
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), fc.constantFrom(...zones), async (steps, timeZone) => {
        const m = await createMachineWithPlanogram(t.db, { capacity: 3 });
        await t.db.update(organizations).set({ timeZone }).where(eq(organizations.id, m.org.id));
        const org = { id: m.org.id, timeZone };
        const now = Date.now();
        const sent: unknown[] = [];
        let batch: unknown[] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          const events = batch;
          batch = [];
          await withTenant(t.db, { orgId: org.id }, (tx) => ingestBatch(machineContext(tx, { orgId: org.id, machineId: m.machine.id }), { machineId: m.machine.id, events, receivedAt: new Date(now) }));
        };
        for (const s of steps) {
          if (s.kind === "vend") {
            const e = vend(s.slot, { ok: s.ok, method: s.method, price: s.price, at: new Date(now - s.minutesAgo * 60_000) });
            batch.push(e);
            sent.push(e);
          } else if (s.kind === "restock") {
            const e = restock([{ slot: s.slot, quantity: s.quantity }], new Date(now - s.minutesAgo * 60_000));
            batch.push(e);
            sent.push(e);
          } else if (s.kind === "repeat") {
            if (sent.length > 0) batch.push(sent[sent.length - 1 - (s.back % sent.length)]);
          } else if (s.kind === "flush") {
            await flush();
          } else {
            await flush();
            await rollUpOrg(t.db, org);
          }
        }
        await flush();
        await rollUpOrg(t.db, org);
        await rollUpOrg(t.db, org);
        await expectRollupsMatchRawSales(t.db, org.id, timeZone);
      }),
      { numRuns: 12 },
    );
  });

  it("counts stockout time per org day, open periods up to now", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 1 });
    const org = { id: m.org.id, timeZone: "Europe/Berlin" };
    const ingest = (events: unknown[]) =>
      withTenant(t.db, { orgId: org.id }, (tx) => ingestBatch(machineContext(tx, { orgId: org.id, machineId: m.machine.id }), { machineId: m.machine.id, events }));
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await ingest([restock([{ slot: "A1", quantity: 1 }, { slot: "A2", quantity: 1 }], hoursAgo(80))]);
    await ingest([vend("A1", { at: hoursAgo(72) }), vend("A2", { at: hoursAgo(30) })]);
    await ingest([restock([{ slot: "A1", quantity: 1 }], hoursAgo(24))]);
    await rollUpOrg(t.db, org);
    const totals = async () =>
      Object.fromEntries(
        (await queryRows<{ slot_code: string; hours: number }>(t.db, sql`select slot_code, round(sum(seconds) / 3600.0)::int as hours from stockout_daily where org_id = ${org.id} group by 1`)).map((r) => [r.slot_code, Number(r.hours)]),
      );
    expect(await totals()).toEqual({ A1: 48, A2: 30 });
    // Idempotent: another run rebuilds the same days.
    await rollUpOrg(t.db, org);
    expect(await totals()).toEqual({ A1: 48, A2: 30 });
  });
});

// PGlite runs one transaction at a time; a transaction that commits late needs a real server.
describe.runIf(testDriver === "postgres")("a sale whose transaction commits after a rollup run started", () => {
  it("is counted by the next run, exactly once", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 5 });
    const org = { id: m.org.id, timeZone: "Europe/Berlin" };
    const other = await createDb({ url: t.url!, driver: "pg", maxConnections: 1 });
    try {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let inserted!: () => void;
      const insertedYet = new Promise<void>((r) => (inserted = r));
      const late = withTenant(other.db, { orgId: org.id }, async (tx) => {
        await ingestBatch(machineContext(tx, { orgId: org.id, machineId: m.machine.id }), { machineId: m.machine.id, events: [vend("A1", { at: new Date(Date.now() - 3_600_000) })] });
        inserted();
        await released;
      });
      await insertedYet;
      // A sale of another machine that commits while the late one is still open.
      const second = await asOwner(t.db, org.id, m.owner.id, async (ctx) => {
        const { machine } = await registerMachine(ctx, { name: "Second", serial: `SN2-${org.id.slice(-6)}`, locationId: m.location.id });
        await setPlanogram(ctx, { machineId: machine.id, slots: [{ code: "A1", productId: m.products.cola.id, capacity: 5, parLevel: 2 }] });
        return machine;
      });
      await withTenant(t.db, { orgId: org.id }, (tx) => ingestBatch(machineContext(tx, { orgId: org.id, machineId: second.id }), { machineId: second.id, events: [vend("A1")] }));
      const units = async () => {
        const [n] = await queryRows<{ units: number | null }>(t.db, sql`select sum(units)::int as units from sales_daily where org_id = ${org.id}`);
        return Number(n?.units ?? 0);
      };
      await rollUpOrg(t.db, org);
      // The committed sale is counted at once, though an older transaction is still open: only that one's sale waits.
      expect(await units()).toBe(1);
      await rollUpOrg(t.db, org);
      expect(await units()).toBe(1);
      release();
      await late;
      await rollUpOrg(t.db, org);
      expect(await units()).toBe(2);
      await rollUpOrg(t.db, org);
      await expectRollupsMatchRawSales(t.db, org.id, org.timeZone);
      expect(await units()).toBe(2);
    } finally {
      await other.close();
    }
  });
});
