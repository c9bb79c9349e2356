import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, machines } from "~/db/schema";
import { defaultAlertSettings, updateAlertSettings } from "~/server/alerts";
import { sweepOfflineMachines } from "~/server/alerts";
import { createOrder, getCheckoutMenu } from "~/server/payments";
import { DemoProvider } from "~/server/payments";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, eventId, sendEvents } from "~/test/machines";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** A stocked machine that last reported `silentMinutes` ago, in an org whose offline threshold is `thresholdMinutes`. */
async function machineSilentFor(silentMinutes: number | null, thresholdMinutes?: number) {
  const m = await createMachineWithPlanogram(t.db);
  if (thresholdMinutes !== undefined) {
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateAlertSettings(ctx, { ...defaultAlertSettings, offlineMinutes: thresholdMinutes }));
  }
  if (silentMinutes !== null) {
    const restock = { id: eventId(), type: "inventory.restocked", occurredAt: minutesAgo(silentMinutes + 1).toISOString(), data: { slots: [{ slot: "A1", quantity: 5 }] } };
    expect((await sendEvents(t.db, m.machine.id, m.secret, { events: [restock] })).status).toBe(200);
    await t.db.update(machines).set({ lastSeenAt: minutesAgo(silentMinutes) }).where(eq(machines.id, m.machine.id));
  }
  return m;
}

/** What every place that shows or uses the machine's state says about it. */
async function seenEverywhere(m: Awaited<ReturnType<typeof machineSilentFor>>) {
  const api = callerFor(t.db, m.owner);
  const [listed] = await api.machines.list({ orgId: m.org.id });
  const page = await api.machines.get({ orgId: m.org.id, machineId: m.machine.id });
  const overview = await api.analytics.overview({ orgId: m.org.id });
  const menu = await getCheckoutMenu(t.db, m.machine.id);
  const order = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: new DemoProvider(), consumerId: null, baseUrl: "https://vendops.example" }).then(
    () => "taken",
    (error: { kind?: string }) => error.kind ?? "error",
  );
  await asOwner(t.db, m.org.id, m.owner.id, (ctx) => sweepOfflineMachines(ctx, new Date()));
  const alert = await t.db.select().from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.rule, "machine_offline")));
  return {
    list: listed!.status,
    page: page.machine.status,
    counts: Object.entries(overview.machines).filter(([, n]) => n > 0),
    checkout: menu!.machine.online,
    order,
    alerted: alert.length > 0,
  };
}

describe("one definition of offline: the org's threshold", () => {
  it("with a 60-minute threshold, 30 minutes of silence is online everywhere and 90 minutes offline everywhere", async () => {
    expect(await seenEverywhere(await machineSilentFor(30, 60))).toEqual({
      list: "online",
      page: "online",
      counts: [["online", 1]],
      checkout: true,
      order: "taken",
      alerted: false,
    });
    expect(await seenEverywhere(await machineSilentFor(90, 60))).toEqual({
      list: "offline",
      page: "offline",
      counts: [["offline", 1]],
      checkout: false,
      order: "CONFLICT",
      alerted: true,
    });
  });

  it("without settings, the default threshold applies everywhere", async () => {
    const quiet = await seenEverywhere(await machineSilentFor(defaultAlertSettings.offlineMinutes - 5));
    expect(quiet).toMatchObject({ list: "online", checkout: true, alerted: false });
    const silent = await seenEverywhere(await machineSilentFor(defaultAlertSettings.offlineMinutes + 5));
    expect(silent).toMatchObject({ list: "offline", checkout: false, alerted: true });
  });

  it("a machine that never reported is 'never connected', counted apart from offline, and raises no offline alert", async () => {
    expect(await seenEverywhere(await machineSilentFor(null))).toEqual({
      list: "never_connected",
      page: "never_connected",
      counts: [["never_connected", 1]],
      checkout: false,
      order: "CONFLICT",
      alerted: false,
    });
  });
});
