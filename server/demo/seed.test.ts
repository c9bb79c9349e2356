import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, locations, machineAudits, machineEvents, products, sales, salesDailyOrg, slots } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { sendEvents } from "~/test/machines";
import { credentialsPath, readCredentialsFile } from "~/sim/credentials";
import { existingMachines } from "./fleet-setup";
import { planDemoFleet } from "./fleet-plan";
import { generateHistory, loadMachineHistory } from "./history";
import { seedDemo, type DemoSeedOptions } from "./seed";

let t: TestDatabase;
let dataDir: string;
const password = "demo-password-for-tests";
const options = (): DemoSeedOptions => ({ dataDir, machines: 3, historyDays: 4, log: () => {} });

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), "vendops-demo-"));
});
afterAll(async () => {
  await t.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const count = async (table: typeof machineEvents | typeof auditLog | typeof sales, orgId: string) =>
  Number((await t.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.orgId, orgId)))[0]!.n);
const heartbeat = (id: string) => ({ events: [{ id, type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: {} }] });

describe("the demo seed", () => {
  it("creates places, products and machines with planograms, loads their history through the ingest and writes their credentials", async () => {
    const result = await seedDemo(t.db, password, options());
    expect(result.fleet).toMatchObject({ changed: true, machines: 3, rejected: 0 });
    expect(result.fleet!.events).toBeGreaterThan(300);

    const file = credentialsPath(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = readCredentialsFile(file);
    expect(saved.organization).toEqual({ name: "Demo Vending", slug: "demo-vending", timeZone: "Europe/Berlin", currency: "EUR" });
    expect(saved.machines.map((m) => m.name)).toEqual(planDemoFleet().slice(0, 3).map((m) => m.name));
    expect(await t.db.select().from(products).where(eq(products.orgId, result.orgId))).toHaveLength(60);
    expect((await t.db.select().from(locations).where(eq(locations.orgId, result.orgId)))[0]).toMatchObject({ kind: "station", latitude: expect.any(Number) });

    for (const m of saved.machines) {
      expect(m.secret).toMatch(/^whsec_/);
      const stored = await t.db.select({ n: sql<number>`count(*)::int` }).from(machineEvents).where(eq(machineEvents.machineId, m.machineId));
      expect(Number(stored[0]!.n)).toBe(m.historyEvents);
      // The server's stock, worked out by the ingest from the events, is what the machine counted.
      const stock = await t.db.select({ code: slots.code, stock: slots.stock }).from(slots).where(eq(slots.machineId, m.machineId));
      expect(Object.fromEntries(stock.map((s) => [s.code, s.stock]))).toEqual(m.stock);
      expect((await sendEvents(t.db, m.machineId, m.secret, heartbeat(`hb-check-${m.machineId}`))).status).toBe(200);
    }
    const first = saved.machines[0]!;
    // The controllers' audits came in through the audit endpoint, one per restock, all accepted.
    const audits = await t.db.select({ source: machineAudits.source, crc: machineAudits.crc }).from(machineAudits).where(eq(machineAudits.machineId, first.machineId));
    expect(audits.length).toBeGreaterThan(0);
    expect(audits.every((a) => a.source === "machine" && a.crc === "ok")).toBe(true);
    const sold = await t.db.select().from(sales).where(and(eq(sales.machineId, first.machineId), eq(sales.status, "succeeded")));
    expect(sold.length).toBeGreaterThan(50);
    expect(sold.every((s) => s.currency === "EUR" && s.priceMinor >= 0 && s.productId !== null)).toBe(true);
    // The rollups dashboards read are filled from the history.
    const [rolled] = await t.db.select({ units: sql<number>`coalesce(sum(units), 0)::int` }).from(salesDailyOrg).where(eq(salesDailyOrg.orgId, result.orgId));
    const [raw] = await t.db.select({ n: sql<number>`count(*)::int` }).from(sales).where(and(eq(sales.orgId, result.orgId), eq(sales.status, "succeeded")));
    expect(Number(rolled!.units)).toBe(Number(raw!.n));
  });

  it("changes nothing when run again", async () => {
    const before = readCredentialsFile(credentialsPath(dataDir));
    const orgId = (await seedDemo(t.db, password, { ...options(), fleet: false })).orgId;
    const counts = [await count(machineEvents, orgId), await count(auditLog, orgId), await count(sales, orgId)];
    const again = await seedDemo(t.db, password, options());
    expect(again.fleet).toMatchObject({ changed: false, machines: 3, events: 0 });
    expect([await count(machineEvents, orgId), await count(auditLog, orgId), await count(sales, orgId)]).toEqual(counts);
    expect(readCredentialsFile(credentialsPath(dataDir)).machines.map((m) => m.secret)).toEqual(before.machines.map((m) => m.secret));
  });

  it("gives history events ids that repeat exactly, so loading a history twice is all duplicates", async () => {
    const { orgId } = await seedDemo(t.db, password, { ...options(), fleet: false });
    const saved = readCredentialsFile(credentialsPath(dataDir));
    const owner = { orgId, ownerId: "" };
    const end = new Date(Math.floor(Math.min(...(await existingMachines(t.db, owner)).map((e) => e.createdAt.getTime())) / 1000) * 1000);
    const machine = { machineId: saved.machines[0]!.machineId, secret: saved.machines[0]!.secret, plan: planDemoFleet()[0]! };
    const history = { days: 4, end, heartbeatMinutes: 360 };
    const ids = (run: ReturnType<typeof generateHistory>) => run.arrivals.map((a) => a.event.id);
    expect(ids(generateHistory(machine, history))).toEqual(ids(generateHistory(machine, history)));

    const stored = await count(machineEvents, orgId);
    const repeat = await loadMachineHistory(t.db, orgId, machine, history);
    expect(repeat).toMatchObject({ events: saved.machines[0]!.historyEvents, rejected: 0 });
    expect(await count(machineEvents, orgId)).toBe(stored);
  });

  it("issues new secrets when the credentials file was lost, without loading history again", async () => {
    const file = credentialsPath(dataDir);
    const old = readCredentialsFile(file);
    rmSync(file);
    const result = await seedDemo(t.db, password, options());
    expect(result.fleet).toMatchObject({ changed: true, machines: 3, events: 0 });
    const fresh = readCredentialsFile(file);
    expect(fresh.machines.map((m) => m.machineId)).toEqual(old.machines.map((m) => m.machineId));
    for (const [i, m] of fresh.machines.entries()) {
      expect(m.secret).not.toBe(old.machines[i]!.secret);
      expect(m.stock).toEqual(old.machines[i]!.stock);
      expect((await sendEvents(t.db, m.machineId, m.secret, heartbeat(`hb-new-${m.machineId}`))).status).toBe(200);
    }
  });
});
