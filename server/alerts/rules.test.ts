import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machines, sales } from "~/db/schema";
import { newId } from "~/db/ids";
import { alertsOf, fault, faultCleared, heartbeat, inboxOf, minutesAgo, timelineOf } from "~/test/alerts";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { asOwner, createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
import { alertRules } from "./contract";
import { raiseAlert } from "./raise";
import { checkNoSales, sweepOfflineMachines } from "./scheduled-rules";
import { defaultAlertSettings } from "./contract";
import { setMachineTemperatureRange, updateAlertSettings } from "./settings";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function machine() {
  const m = await createMachineWithPlanogram(t.db);
  const send = (...events: unknown[]) => sendEvents(t.db, m.machine.id, m.secret, { events });
  const asOwnerDo = <T>(fn: Parameters<typeof asOwner<T>>[3]) => asOwner(t.db, m.org.id, m.owner.id, fn);
  return { ...m, send, asOwner: asOwnerDo };
}

describe("alert rules", () => {
  it("a fault opens one alert, repeats count on it, and its clearance resolves it", async () => {
    const m = await machine();
    await m.send(fault("COIN_JAM", "warning", minutesAgo(3)));
    await m.send(fault("COIN_JAM", "warning", minutesAgo(2)));
    expect(await alertsOf(t.db, m.machine.id, "machine_fault")).toHaveLength(1);
    let [alert] = await alertsOf(t.db, m.machine.id, "machine_fault");
    expect(alert).toMatchObject({ code: "COIN_JAM", status: "open", count: 2 });
    expect(alert!.firstSeenAt < alert!.lastSeenAt).toBe(true);
    await m.send(faultCleared("COIN_JAM", minutesAgo(1)));
    [alert] = await alertsOf(t.db, m.machine.id, "machine_fault");
    expect(alert).toMatchObject({ status: "resolved", resolution: "auto" });
    expect(await timelineOf(t.db, alert!.id)).toEqual(["raised", "notified", "repeated", "auto_resolved"]);
  });

  it("offline past the org's threshold raises once; the next event resolves it", async () => {
    const m = await machine();
    await m.send(heartbeat({ temperatureC: 5 }));
    const now = new Date();
    await m.asOwner((ctx) => sweepOfflineMachines(ctx, now));
    expect(await alertsOf(t.db, m.machine.id, "machine_offline")).toHaveLength(0);

    await t.db.update(machines).set({ lastSeenAt: minutesAgo(16) }).where(eq(machines.id, m.machine.id));
    await m.asOwner((ctx) => sweepOfflineMachines(ctx, now));
    await m.asOwner((ctx) => sweepOfflineMachines(ctx, new Date(now.getTime() + 60_000)));
    expect(await alertsOf(t.db, m.machine.id, "machine_offline")).toHaveLength(1);
    let [alert] = await alertsOf(t.db, m.machine.id, "machine_offline");
    expect(alert).toMatchObject({ status: "open", count: 1, severity: "warning" });

    // A longer threshold: a machine silent for 16 minutes is not offline yet.
    await m.asOwner((ctx) => updateAlertSettings(ctx, { ...defaultAlertSettings, offlineMinutes: 30 }));
    const other = await machine();
    await t.db.update(machines).set({ lastSeenAt: minutesAgo(16) }).where(eq(machines.id, other.machine.id));
    await other.asOwner((ctx) => updateAlertSettings(ctx, { ...defaultAlertSettings, offlineMinutes: 30 }));
    await other.asOwner((ctx) => sweepOfflineMachines(ctx, now));
    expect(await alertsOf(t.db, other.machine.id, "machine_offline")).toHaveLength(0);

    await m.send(heartbeat({ temperatureC: 5 }));
    [alert] = await alertsOf(t.db, m.machine.id, "machine_offline");
    expect(alert).toMatchObject({ status: "resolved", resolution: "auto" });
  });

  it("low stock fires at or below the share of par, empty is a warning, and a restock clears it", async () => {
    const m = await machine();
    await m.send(restock([{ slot: "A1", quantity: 10 }, { slot: "A2", quantity: 10 }, { slot: "B1", quantity: 10 }], minutesAgo(30)));
    expect(await alertsOf(t.db, m.machine.id, "low_stock")).toHaveLength(0);
    // Par 5, share 20 %: low at 1 or fewer.
    await m.send(...Array.from({ length: 8 }, (_, i) => vend("A1", { at: minutesAgo(20 - i) })));
    expect(await alertsOf(t.db, m.machine.id, "low_stock")).toHaveLength(0);
    await m.send(vend("A1", { at: minutesAgo(10) }));
    let [alert] = await alertsOf(t.db, m.machine.id, "low_stock");
    expect(alert).toMatchObject({ code: "A1", status: "open", severity: "info" });
    await m.send(vend("A1", { at: minutesAgo(9) }));
    [alert] = await alertsOf(t.db, m.machine.id, "low_stock");
    expect(alert).toMatchObject({ code: "A1", status: "open", severity: "warning", count: 1 });
    expect(await timelineOf(t.db, alert!.id)).toEqual(["raised", "escalated", "notified"]);
    await m.send(restock([{ slot: "A1", quantity: 10 }], minutesAgo(5)));
    [alert] = await alertsOf(t.db, m.machine.id, "low_stock");
    expect(alert).toMatchObject({ status: "resolved" });
  });

  it("temperature outside the machine's range fires and clears; flapping re-opens the same alert without a second notification", async () => {
    const m = await machine();
    await m.asOwner((ctx) => setMachineTemperatureRange(ctx, { machineId: m.machine.id, temperatureMinC: 2, temperatureMaxC: 8 }));
    await m.send(heartbeat({ temperatureC: 5 }, minutesAgo(10)));
    expect(await alertsOf(t.db, m.machine.id, "temperature")).toHaveLength(0);
    await m.send(heartbeat({ temperatureC: 11.5 }, minutesAgo(9)));
    let [alert] = await alertsOf(t.db, m.machine.id, "temperature");
    expect(alert).toMatchObject({ code: "too_warm", status: "open", severity: "critical" });
    expect(await inboxOf(t.db, m.org.id, m.owner.id)).toHaveLength(1);

    for (let i = 0; i < 3; i++) {
      await m.send(heartbeat({ temperatureC: 6 }, minutesAgo(8 - 2 * i)));
      [alert] = await alertsOf(t.db, m.machine.id, "temperature");
      expect(alert!.status).toBe("resolved");
      await m.send(heartbeat({ temperatureC: 9 }, minutesAgo(7 - 2 * i)));
    }
    const all = await alertsOf(t.db, m.machine.id, "temperature");
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: "open", count: 4 });
    expect(await inboxOf(t.db, m.org.id, m.owner.id)).toHaveLength(1);
    expect((await timelineOf(t.db, all[0]!.id)).filter((e) => e === "reopened")).toHaveLength(3);

    await m.send(heartbeat({ temperatureC: 0.5 }, minutesAgo(0)));
    const now = await alertsOf(t.db, m.machine.id, "temperature");
    expect(now.map((a) => [a.code, a.status])).toEqual([["too_warm", "resolved"], ["too_cold", "open"]]);
  });

  it("door open longer than the threshold fires; closing it clears", async () => {
    const m = await machine();
    await m.send(heartbeat({ doorOpen: false }, minutesAgo(30)));
    await m.send(heartbeat({ doorOpen: true }, minutesAgo(20)));
    await m.send(heartbeat({ doorOpen: true }, minutesAgo(12)));
    expect(await alertsOf(t.db, m.machine.id, "door_open")).toHaveLength(0);
    await m.send(heartbeat({ doorOpen: true }, minutesAgo(9)));
    let [alert] = await alertsOf(t.db, m.machine.id, "door_open");
    expect(alert).toMatchObject({ status: "open", message: "The door has been open for 11 minutes." });
    await m.send(heartbeat({ doorOpen: true }, minutesAgo(5)));
    expect(await alertsOf(t.db, m.machine.id, "door_open")).toHaveLength(1);
    await m.send(heartbeat({ doorOpen: false }, minutesAgo(1)));
    [alert] = await alertsOf(t.db, m.machine.id, "door_open");
    expect(alert!.status).toBe("resolved");
  });

  it("repeated vend failures on one slot within the window fire; a successful vend there clears", async () => {
    const m = await machine();
    await m.send(restock([{ slot: "A1", quantity: 10 }, { slot: "A2", quantity: 10 }], minutesAgo(90)));
    await m.send(vend("A1", { ok: false, at: minutesAgo(80), method: "cash" }), vend("A1", { ok: false, at: minutesAgo(30), method: "cash" }));
    await m.send(vend("A2", { ok: false, at: minutesAgo(25), method: "cash" }));
    expect(await alertsOf(t.db, m.machine.id, "vend_failures")).toHaveLength(0);
    await m.send(vend("A1", { ok: false, at: minutesAgo(20), method: "cash" }));
    expect(await alertsOf(t.db, m.machine.id, "vend_failures")).toHaveLength(0);
    await m.send(vend("A1", { ok: false, at: minutesAgo(10), method: "cash", reason: "jammed" }));
    let [alert] = await alertsOf(t.db, m.machine.id, "vend_failures");
    expect(alert).toMatchObject({ code: "A1", status: "open" });
    expect(alert!.message).toContain("3 failed vends on slot A1");
    // Each cash failure also owes a refund by hand.
    expect((await alertsOf(t.db, m.machine.id, "cash_refund_owed"))[0]).toMatchObject({ count: 5 });
    await m.send(vend("A1", { at: minutesAgo(5) }));
    [alert] = await alertsOf(t.db, m.machine.id, "vend_failures");
    expect(alert!.status).toBe("resolved");
  });

  it("no sales for longer than the machine's own history makes likely fires, by sensitivity; a sale clears it", async () => {
    const m = await machine();
    const now = new Date();
    const hour = 3_600_000;
    const top = Math.floor(now.getTime() / hour) * hour;
    // Three weeks of one sale an hour, then silence for the last 8 hours.
    const rows = [];
    for (let h = 21 * 24; h >= 8; h--) {
      rows.push({
        id: newId("sal"),
        orgId: m.org.id,
        machineId: m.machine.id,
        eventId: `hist-${h}`,
        slotCode: "A1",
        status: "succeeded" as const,
        priceMinor: 250,
        currency: "EUR",
        paymentMethod: "card" as const,
        occurredAt: new Date(top - h * hour + 60_000),
      });
    }
    await t.db.insert(sales).values(rows);
    await t.db.update(machines).set({ lastSeenAt: now }).where(eq(machines.id, m.machine.id));

    await m.asOwner((ctx) => updateAlertSettings(ctx, { ...defaultAlertSettings, noSalesSensitivity: "low" }));
    await m.asOwner((ctx) => checkNoSales(ctx, now));
    expect(await alertsOf(t.db, m.machine.id, "no_sales")).toHaveLength(0);

    await m.asOwner((ctx) => updateAlertSettings(ctx, { ...defaultAlertSettings, noSalesSensitivity: "normal" }));
    await m.asOwner((ctx) => checkNoSales(ctx, now));
    let [alert] = await alertsOf(t.db, m.machine.id, "no_sales");
    expect(alert).toMatchObject({ status: "open", severity: "warning" });
    expect(Number((alert!.data as { expected: number }).expected)).toBeGreaterThanOrEqual(4.6);

    // A machine whose history is that quiet at these hours is not flagged.
    const quiet = await machine();
    await t.db.insert(sales).values(rows.filter((_, i) => i % 12 === 0).map((r) => ({ ...r, id: newId("sal"), machineId: quiet.machine.id, orgId: quiet.org.id })));
    await t.db.update(machines).set({ lastSeenAt: now }).where(eq(machines.id, quiet.machine.id));
    await quiet.asOwner((ctx) => checkNoSales(ctx, now));
    expect(await alertsOf(t.db, quiet.machine.id, "no_sales")).toHaveLength(0);

    await m.send(restock([{ slot: "A1", quantity: 5 }], minutesAgo(2)), vend("A1"));
    [alert] = await alertsOf(t.db, m.machine.id, "no_sales");
    expect(alert!.status).toBe("resolved");
  });

  it("knows the rules other domains raise, such as predicted sell-outs", async () => {
    expect(alertRules.map((r) => r.rule)).toEqual(expect.arrayContaining(["predicted_sellout", "refund_failed", "cash_refund_owed"]));
    const m = await machine();
    const change = await m.asOwner((ctx) =>
      raiseAlert(ctx, {
        machineId: m.machine.id,
        rule: "predicted_sellout",
        code: "B1",
        severity: "info",
        at: new Date(),
        data: { slot: "B1", product: "Chocolate bar", probability: 0.9, nextVisitDate: null },
      }),
    );
    expect(change.kind).toBe("raised");
    expect((await alertsOf(t.db, m.machine.id, "predicted_sellout"))[0]).toMatchObject({ code: "B1", status: "open" });
  });
});
