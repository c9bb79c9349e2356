import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationDeliveries, orders } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { announcePendingAlerts, sweepOfflineMachines } from "~/server/alerts";
import { checkCashVariance, recordCashCount } from "~/server/cash";
import { consumerSelfContext, jobContext } from "~/server/context";
import { reportProblem } from "~/server/consumers";
import { ingestAudit, recordVisit } from "~/server/ingest";
import { DemoProvider, StripeProvider, createOrder, expireOrders, processDueRefunds } from "~/server/payments";
import { fault, heartbeat } from "~/test/alerts";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { dexBytes } from "~/test/dex";
import { createUser } from "~/test/factories";
import { FakeStripe } from "~/test/fake-stripe";
import { asOwner, createMachineWithPlanogram, eventId, sendEvents, vend } from "~/test/machines";
import type { BusinessEventType } from "./contract";
import { integratorEvents } from "./integrator-events";
import { createEndpoint } from "./webhook-endpoints";

let t: TestDatabase;
let stripe: FakeStripe;
beforeAll(async () => {
  t = await createTestDatabase();
  stripe = await new FakeStripe().start();
});
afterAll(async () => {
  await stripe.stop();
  await t.drop();
});

const demo = new DemoProvider();
const baseUrl = "https://vendops.example.com";

/** A machine that has reported (online, slot A1 stocked) and an endpoint of its org that receives every event. */
async function subscribed() {
  const m = await createMachineWithPlanogram(t.db);
  await sendEvents(t.db, m.machine.id, m.secret, {
    events: [heartbeat({}), { id: eventId(), type: "inventory.restocked", occurredAt: new Date().toISOString(), data: { slots: [{ slot: "A1", quantity: 5 }] } }],
  });
  const { endpoint } = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => createEndpoint(ctx, { url: "https://hooks.example.com/vendops", eventTypes: [] }));
  return { ...m, endpointId: endpoint.id };
}

/** The data of every delivery of `type` queued for the endpoint, each parsed with the documented schema. */
async function eventsOf<T extends BusinessEventType>(endpointId: string, type: T) {
  const rows = await t.db
    .select({ payload: notificationDeliveries.payload, alertId: notificationDeliveries.alertId })
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.endpointId, endpointId), eq(notificationDeliveries.eventType, type)))
    .orderBy(notificationDeliveries.createdAt);
  return rows.map(({ payload, alertId }) => {
    expect(alertId).toBeNull();
    expect(payload).toMatchObject({ type, timestamp: expect.any(String) });
    return integratorEvents[type].data.parse(payload.data) as ReturnType<(typeof integratorEvents)[T]["data"]["parse"]>;
  });
}

describe("business events for webhook endpoints", () => {
  it("order.paid when a consumer pays an online order", async () => {
    const m = await subscribed();
    const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: demo, consumerId: null, baseUrl });
    expect(await eventsOf(m.endpointId, "order.paid")).toEqual([expect.objectContaining({ order_id: orderId, machine_id: m.machine.id, status: "paid", amount_minor: 250, currency: "EUR" })]);
  });

  it("order.expired when a paid order was not vended in time", async () => {
    const m = await subscribed();
    const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: demo, consumerId: null, baseUrl });
    await expireOrders(t.db, new Date(Date.now() + 10 * 60_000));
    expect(await eventsOf(m.endpointId, "order.expired")).toEqual([expect.objectContaining({ order_id: orderId, status: "expired" })]);
  });

  it("refund.succeeded when the provider confirms a refund", async () => {
    const m = await subscribed();
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { ok: false, method: "card" })] });
    await processDueRefunds(t.db, { provider: demo });
    const [event] = await eventsOf(m.endpointId, "refund.succeeded");
    expect(event).toMatchObject({ status: "succeeded", origin: "automatic", amount_minor: 250, currency: "EUR", payment_method: "card", provider_refund_id: expect.stringMatching(/^demo_re_/) });
    expect(event!.sale_id).not.toBeNull();
  });

  it("refund.failed when the provider refuses a refund for good", async () => {
    const m = await subscribed();
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { ok: false, method: "card" })] });
    // The fake Stripe knows no payment "pi_test": it refuses the refund for good.
    await processDueRefunds(t.db, { provider: new StripeProvider({ secretKey: "sk_test_vendops", apiUrl: stripe.url, timeoutMs: 300 }) });
    expect(await eventsOf(m.endpointId, "refund.failed")).toEqual([expect.objectContaining({ status: "failed", error: expect.stringContaining("No such payment_intent"), attempts: 1 })]);
    expect(await eventsOf(m.endpointId, "refund.succeeded")).toEqual([]);
  });

  it("refund.requested when a consumer reports a problem with a purchase", async () => {
    const m = await subscribed();
    const consumer = await createUser(t.db);
    const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: demo, consumerId: consumer.id, baseUrl });
    const v = vend("A1", { method: "online" });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [{ ...v, data: { ...v.data, orderId, payment: { method: "online", reference: orderId } } }] });
    const [order] = await t.db.select().from(orders).where(eq(orders.id, orderId));
    const request = await reportProblem(consumerSelfContext(t.db, consumer.id), { saleId: order!.saleId!, reason: "The can was empty" });
    expect(await eventsOf(m.endpointId, "refund.requested")).toEqual([
      expect.objectContaining({ refund_request_id: request.id, sale_id: order!.saleId, machine_id: m.machine.id, reason: "The can was empty", status: "pending", amount_minor: 250 }),
    ]);
  });

  it("visit.recorded when a technician records a visit, once per visit key", async () => {
    const m = await subscribed();
    const visit = { machineId: m.machine.id, visitKey: `visit-${eventId().replace(/[^A-Za-z0-9_-]/g, "")}`.slice(0, 48), counts: [{ slot: "A1", quantity: 9 }] };
    const first = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordVisit(ctx, visit));
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordVisit(ctx, visit));
    expect(await eventsOf(m.endpointId, "visit.recorded")).toEqual([
      expect.objectContaining({ visit_id: first.visit.id, machine_id: m.machine.id, technician_id: m.owner.id, counts: [{ slot: "A1", quantity: 9 }] }),
    ]);
  });

  it("audit.recorded when a DEX audit is stored, not when the same file comes again", async () => {
    const m = await subscribed();
    const body = dexBytes({ serial: m.machine.serial, selections: [{ selection: "11", price: 250, count: 3 }] });
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => ingestAudit(ctx, { machineId: m.machine.id, body, source: "upload" }));
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => ingestAudit(ctx, { machineId: m.machine.id, body, source: "upload" }));
    expect(await eventsOf(m.endpointId, "audit.recorded")).toEqual([expect.objectContaining({ machine_id: m.machine.id, source: "upload", crc: expect.any(String) })]);
  });

  it("cash.collected when a machine reports its box emptied, and when a technician counts one", async () => {
    const m = await subscribed();
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { method: "cash" })] });
    await sendEvents(t.db, m.machine.id, m.secret, {
      events: [{ id: eventId(), type: "cash.collected", occurredAt: new Date().toISOString(), data: { amountMinor: 250, currency: "EUR" } }],
    });
    await checkCashVariance(t.db);
    await checkCashVariance(t.db);
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordCashCount(ctx, { machineId: m.machine.id, key: `count-${eventId()}`, countedMinor: 0, occurredAt: new Date(Date.now() - 2 * 3_600_000) }));
    const told = await eventsOf(m.endpointId, "cash.collected");
    expect(told).toEqual([
      expect.objectContaining({ machine_id: m.machine.id, source: "machine", amount_minor: 250, expected_minor: 250, variance_minor: 0, currency: "EUR" }),
      expect.objectContaining({ machine_id: m.machine.id, source: "technician", counted_minor: 0, technician_id: m.owner.id }),
    ]);
  });

  it("machine.status_changed when a machine goes offline, comes back, and reports a critical fault", async () => {
    const m = await subscribed();
    const later = new Date(Date.now() + 60 * 60_000);
    await withTenant(t.db, { orgId: m.org.id }, (tx) => sweepOfflineMachines(jobContext(tx, { orgId: m.org.id, name: "alert-sweep" }), later));
    // Still silent: no second event.
    await withTenant(t.db, { orgId: m.org.id }, (tx) => sweepOfflineMachines(jobContext(tx, { orgId: m.org.id, name: "alert-sweep" }), new Date(later.getTime() + 60_000)));
    await sendEvents(t.db, m.machine.id, m.secret, { events: [heartbeat({})] });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("MOTOR_STALL", "critical")] });
    await announcePendingAlerts(t.db);
    const changes = (await eventsOf(m.endpointId, "machine.status_changed")).map((e) => [e.machine_id, e.previous_status, e.status]);
    expect(changes).toEqual([
      [m.machine.id, "online", "offline"],
      [m.machine.id, "offline", "online"],
      [m.machine.id, "online", "fault"],
    ]);
  });
});
