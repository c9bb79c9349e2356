import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor } from "~/test/factories";
import { createCaller } from "~/server/trpc/root";
import { createTrpcContext } from "~/server/trpc/init";
import { withTenant } from "~/db/tenant";
import { jobContext } from "~/server/context";
import { asOwner, createMachineWithPlanogram, eventId, restock, sendEvents, vend } from "~/test/machines";
import { ingestAudit } from "~/server/ingest";
import { dexBytes } from "~/test/dex";
import { computeForecasts } from "./forecast-run";
import { needsAttention } from "./needs-attention";
import { updateSettings } from "./settings";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const fault = (code: string) => ({ id: eventId(), type: "machine.fault", occurredAt: new Date().toISOString(), data: { code, severity: "warning" } });

/** A machine whose A1 sold six a day for four weeks before `now`, with one unit left. */
async function sellingSixADay(now: Date) {
  const m = await createMachineWithPlanogram(t.db, { capacity: 10 });
  const events: unknown[] = [];
  for (let d = 28; d >= 1; d--) {
    const morning = new Date(now.getTime() - d * 86_400_000);
    events.push(restock([{ slot: "A1", quantity: 10 }, { slot: "A2", quantity: 10 }, { slot: "B1", quantity: 10 }], morning));
    for (let i = 0; i < 6; i++) events.push(vend("A1", { at: new Date(morning.getTime() + (3 + i) * 3600_000) }));
  }
  events.push(restock([{ slot: "A1", quantity: 1 }], new Date(now.getTime() - 3600_000)));
  for (let i = 0; i < events.length; i += 400) {
    expect((await sendEvents(t.db, m.machine.id, m.secret, { events: events.slice(i, i + 400) }, { serverNow: now.getTime(), timestamp: now })).status).toBe(200);
  }
  return m;
}

describe("needs attention", () => {
  it("lists a machine with a fault and a sold-out slot once, with both reasons; a healthy machine and other orgs' machines not at all", async () => {
    const broken = await createMachineWithPlanogram(t.db);
    // B1 is never filled: sold out now.
    const sent = await sendEvents(t.db, broken.machine.id, broken.secret, { events: [restock([{ slot: "A1", quantity: 10 }, { slot: "A2", quantity: 10 }]), vend("A1"), fault("COIN_JAM")] });
    expect(sent.status).toBe(200);

    const healthy = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, healthy.machine.id, healthy.secret, { events: [restock([{ slot: "A1", quantity: 10 }, { slot: "A2", quantity: 10 }, { slot: "B1", quantity: 10 }])] });
    const healthyView = await asOwner(t.db, healthy.org.id, healthy.owner.id, (ctx) => needsAttention(ctx));
    expect(healthyView.machines).toEqual([]);

    const view = await callerFor(t.db, broken.owner).analytics.needsAttention({ orgId: broken.org.id });
    expect(view.machines.map((m) => m.machineId)).toEqual([broken.machine.id]);
    const [machine] = view.machines;
    expect(machine!.reasons.map((r) => r.kind)).toEqual(["fault", "sold_out"]);
    expect(machine!.reasons[0]).toMatchObject({ action: { path: expect.stringMatching(/^alerts\//) } });
    expect(machine!.reasons[1]!.text).toContain("B1");
    expect(machine!.reasons[1]!.text).not.toContain("A1");
    for (const id of [healthy.machine.id]) expect(view.machines.some((m) => m.machineId === id)).toBe(false);

    // The healthy org sees none of the broken org's machines, and its own never shows elsewhere.
    expect(healthyView.machines.some((m) => m.machineId === broken.machine.id)).toBe(false);

    for (const v of [view, healthyView]) {
      expect(Number.isFinite(v.atRiskMinor)).toBe(true);
      expect(v.atRiskMinor).toBeGreaterThanOrEqual(0);
      expect(v.savedTodayMinor).toBeGreaterThanOrEqual(0);
      expect(v.atRiskMinor).toBeGreaterThanOrEqual(v.savedTodayMinor);
    }
  });

  it("shows a machine that never reported as offline before anything else", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const view = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => needsAttention(ctx));
    expect(view.machines).toHaveLength(1);
    expect(view.machines[0]!.reasons.map((r) => r.kind)).toEqual(["offline", "sold_out"]);
    expect(view.machines[0]!.reasons[1]!.text).toBe("3 slots sold out now: A1, A2, B1");
    expect(view.machines[0]!.reasons.map((r) => r.action.label)).toEqual(["Open the machine", "Open the machine"]);
  });

  it("says the reasons and what to do in the reader's language, through the API as the page calls it", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const zh = await createCaller(createTrpcContext({ db: t.db, user: m.owner, locale: "zh-CN" })).analytics.needsAttention({ orgId: m.org.id });
    expect(zh.machines[0]!.reasons.map((r) => [r.text, r.action.label])).toEqual([
      ["离线：售货机近期没有上报", "打开售货机"],
      ["3 个货道已售罄：A1, A2, B1", "打开售货机"],
    ]);
    const en = await createCaller(createTrpcContext({ db: t.db, user: m.owner, locale: "en" })).analytics.needsAttention({ orgId: m.org.id });
    expect(en.machines[0]!.reasons.map((r) => r.text)).toEqual(["Offline: no report from the machine lately", "3 slots sold out now: A1, A2, B1"]);
  });

  it("does not call a machine known only from its DEX audits offline: it sends no heartbeats", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const audit = await asOwner(t.db, m.org.id, m.owner.id, (ctx) =>
      ingestAudit(ctx, { machineId: m.machine.id, body: dexBytes({ serial: m.machine.serial, selections: [{ selection: "11", price: 250, count: 3 }] }), source: "upload" }),
    );
    expect(audit.ok).toBe(true);
    const view = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => needsAttention(ctx));
    expect(view.machines.map((x) => x.reasons.map((r) => r.kind))).toEqual([["sold_out"]]);
  });

  it("puts a figure on the week at risk and on what today's visit saves of it", async () => {
    // 08:00 in Berlin: A1 sold six a day for four weeks and has one unit left.
    const now = new Date("2026-11-20T07:00:00Z");
    const m = await sellingSixADay(now);
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateSettings(ctx, { visitCostMinor: 500, fillTo: "capacity", selloutThreshold: 0.95, workingDays: [0, 1, 2, 3, 4, 5, 6] }));
    await withTenant(t.db, { orgId: m.org.id }, (tx) => computeForecasts(jobContext(tx, { orgId: m.org.id, name: "test" }), { now }));

    const view = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => needsAttention(ctx, { now }));
    expect(view.visitsToday).toBe(1);
    expect(view.atRiskMinor).toBeGreaterThan(0);
    expect(view.savedTodayMinor).toBeGreaterThan(0);
    expect(view.savedTodayMinor).toBeLessThanOrEqual(view.atRiskMinor);
  });

  it("calls a visit late only when the loss before it is more than a visit costs", async () => {
    // Friday 08:00 in Berlin; Wednesdays are the only working days, so the next visit is Wed 25 Nov.
    const now = new Date("2026-11-20T07:00:00Z");
    const m = await sellingSixADay(now);
    const plan = async (visitCostMinor: number) => {
      await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateSettings(ctx, { visitCostMinor, fillTo: "capacity", selloutThreshold: 0.95, workingDays: [2] }));
      await withTenant(t.db, { orgId: m.org.id }, (tx) => computeForecasts(jobContext(tx, { orgId: m.org.id, name: "test" }), { now }));
      const view = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => needsAttention(ctx, { now }));
      return view.machines.find((x) => x.machineId === m.machine.id)?.reasons.find((r) => r.kind === "visit_overdue");
    };
    const late = await plan(500);
    expect(late?.text).toMatch(/^Sells out before its next visit \(25 Nov\): €\d+\.\d{2} lost by then$/);
    const lostMinor = Math.round(Number(late!.text.match(/€(\d+\.\d{2})/)![1]) * 100);
    expect(lostMinor).toBeGreaterThanOrEqual(500);
    // A visit that would cost more than that loss: waiting is the plan's choice, nothing to act on.
    expect(await plan(lostMinor + 1)).toBeUndefined();
  });
});
