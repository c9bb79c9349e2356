import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineEvents, machines } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { IngestServer } from "~/test/ingest-server";
import { credentialsPath, readCredentialsFile } from "~/sim/credentials";
import { MachineModel, type ModelState } from "~/sim/model";
import { DemoLiveMachines } from "./live";
import { seedDemo } from "./seed";
import { shanghaiDemo } from "./shanghai-demo";

let t: TestDatabase;
let dataDir: string;
let server: IngestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), "vendops-live-"));
  await seedDemo(t.db, "demo-password-for-tests", { dataDir, machines: 4, historyDays: 1, liveMachines: 2, log: () => {} });
  server = await new IngestServer(t.db).start();
});
afterAll(async () => {
  await server.stop();
  await t.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const liveEvents = async (machineId: string) =>
  Number(
    (await t.db.select({ n: sql<number>`count(*)::int` }).from(machineEvents).where(and(eq(machineEvents.machineId, machineId), like(machineEvents.eventId, "live-%"))))[0]!.n,
  );
const stateFile = (machineId: string) => path.join(dataDir, "demo-live", `${machineId}.json`);

/** Live machines stepped by hand (not on a timer), logging into `lines`. */
function liveMachines(options: { baseUrl?: string; dataDir?: string; files?: string[] } = {}) {
  const lines: string[] = [];
  const live = new DemoLiveMachines({ baseUrl: options.baseUrl ?? server.url, dataDir: options.dataDir ?? dataDir, count: 2, files: options.files, log: (l) => lines.push(l) });
  live.stop();
  return { live, lines };
}

describe("the live demo machines", () => {
  it("send heartbeats and vends of the machines marked live to the server, catching up from their saved state", async () => {
    const file = readCredentialsFile(credentialsPath(dataDir));
    const marked = file.machines.filter((m) => m.live);
    expect(marked).toHaveLength(2);
    // As if the demo had been stopped two hours ago: the machines kept working and now flush their backlog.
    const twoHoursAgo = Date.now() - 2 * 3_600_000;
    for (const m of marked) {
      const model = new MachineModel(m.spec, { seed: "before", start: twoHoursAgo, stock: m.stock, heartbeatMinutes: 1 });
      mkdirSync(path.dirname(stateFile(m.machineId)), { recursive: true });
      writeFileSync(stateFile(m.machineId), JSON.stringify(model.state));
    }

    const { live, lines } = liveMachines();
    await live.tick();
    expect(live.running.map((m) => m.entry.machineId).sort()).toEqual(marked.map((m) => m.machineId).sort());
    for (const m of marked) expect(lines[0]).toContain(m.name);
    for (const { sim, entry } of live.running) {
      expect(sim.stats).toMatchObject({ rejected: 0, duplicate: 0, halted: null });
      expect(sim.stats.accepted).toBeGreaterThan(100); // two hours of heartbeats, plus vends
      expect(await liveEvents(entry.machineId)).toBe(sim.stats.accepted);
      const [row] = await t.db.select().from(machines).where(eq(machines.id, entry.machineId));
      expect(row!.status).toBe("online");
      const saved = JSON.parse(readFileSync(stateFile(entry.machineId), "utf8")) as ModelState;
      expect(saved.clock).toBeGreaterThan(Date.now() - 60_000);
    }

    // After a restart the machines resume from their saved state with fresh event ids.
    const before = await Promise.all(marked.map((m) => liveEvents(m.machineId)));
    await new Promise((r) => setTimeout(r, 20));
    const restarted = liveMachines();
    await restarted.live.tick();
    for (const { sim } of restarted.live.running) expect(sim.stats).toMatchObject({ rejected: 0, duplicate: 0 });
    const after = await Promise.all(marked.map((m) => liveEvents(m.machineId)));
    after.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(before[i]!));
  });

  it("logs and backs off instead of throwing when the file is missing or the server is down", async () => {
    const missing = liveMachines({ dataDir: path.join(dataDir, "nowhere") });
    await expect(missing.live.tick()).resolves.toBeUndefined();
    expect(missing.lines[0]).toMatch(/demo-machines\.json does not exist/);

    const down = liveMachines({ baseUrl: "http://127.0.0.1:9" });
    await expect(down.live.tick()).resolves.toBeUndefined();
    expect(down.live.running.every((m) => m.sim.stats.halted === null)).toBe(true);
  });

  it("keep machines of the Shanghai demo live too once it was seeded, with its zone, currency and payment mix", async () => {
    const files = ["demo-machines.json", shanghaiDemo.credentialsFile];
    // Before the Shanghai demo is seeded its file is missing, and only Demo Vending's machines run.
    const before = liveMachines({ files });
    await before.live.tick();
    expect(before.live.running.map((m) => m.file)).toEqual([credentialsPath(dataDir), credentialsPath(dataDir)]);

    await seedDemo(t.db, "demo-password-for-tests", { operator: shanghaiDemo, dataDir, machines: 3, historyDays: 1, liveMachines: 2, log: () => {} });
    const marked = readCredentialsFile(credentialsPath(dataDir, shanghaiDemo.credentialsFile)).machines.filter((m) => m.live);
    expect(marked).toHaveLength(2);
    // As if they had run an hour ago: they catch up on the hour's heartbeats and vends.
    for (const m of marked) {
      const model = new MachineModel(m.spec, { seed: "before", start: Date.now() - 3_600_000, stock: m.stock, heartbeatMinutes: 1 });
      writeFileSync(stateFile(m.machineId), JSON.stringify(model.state));
    }
    const { live } = liveMachines({ files });
    await live.tick();
    const shanghai = live.running.filter((m) => m.file === credentialsPath(dataDir, shanghaiDemo.credentialsFile));
    expect(shanghai.map((m) => m.entry.machineId).sort()).toEqual(marked.map((m) => m.machineId).sort());
    expect(live.running).toHaveLength(4);
    for (const { sim, entry } of shanghai) {
      expect(entry.spec).toMatchObject({ timeZone: "Asia/Shanghai", currency: "CNY", payments: { wechat_pay: 56 } });
      expect(sim.stats).toMatchObject({ rejected: 0, duplicate: 0, halted: null });
      expect(sim.stats.accepted).toBeGreaterThan(50);
      expect(await liveEvents(entry.machineId)).toBe(sim.stats.accepted);
    }
  });
});
