import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, loyaltyMembers, orders, refunds, sales } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { refundSale, updateLoyaltyProgram } from "~/server/consumers";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createUser } from "~/test/factories";
import { FakeStripe } from "~/test/fake-stripe";
import { asOwner, createMachineWithPlanogram, eventId, sendEvents, vend } from "~/test/machines";
import { DemoProvider } from "./demo";
import { createOrder, getCheckoutMenu, getOrderView } from "./checkout";
import { expireOrders, orderTiming } from "./orders";
import { processDueRefunds } from "./refund-queue";
import { StripeProvider } from "./stripe";
import { handleStripeWebhook } from "./stripe-webhook";

let t: TestDatabase;
let fake: FakeStripe;
let stripe: StripeProvider;
const demo = new DemoProvider();
const baseUrl = "https://vendops.example";
const webhookSecret = "whsec_orders_test";

beforeAll(async () => {
  t = await createTestDatabase();
  fake = await new FakeStripe().start();
  stripe = new StripeProvider({ secretKey: "sk_test_orders", apiUrl: fake.url });
});
afterAll(async () => {
  await fake.stop();
  await t.drop();
});

const heartbeat = (at = new Date()) => ({ id: eventId(), type: "machine.heartbeat", occurredAt: at.toISOString(), data: {} });

/** A machine that is online (it just sent a heartbeat), with slots A1 (cola 2.50), A2, B1. */
async function onlineMachine(options: { stock?: number } = {}) {
  const m = await createMachineWithPlanogram(t.db);
  await sendEvents(t.db, m.machine.id, m.secret, {
    events: [heartbeat(), { id: eventId(), type: "inventory.restocked", occurredAt: new Date().toISOString(), data: { slots: [{ slot: "A1", quantity: options.stock ?? 5 }, { slot: "A2", quantity: 0 }] } }],
  });
  return m;
}

/** The machine's report of an order's vend, as PROTOCOL.md has it. */
function orderVend(orderId: string, slot: string, ok: boolean, id = eventId()) {
  const v = vend(slot, { ok, id, method: "online" });
  return { ...v, data: { ...v.data, orderId, payment: { method: "online", reference: orderId } } };
}

const orderRow = async (orderId: string) => (await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const refundsOf = (orderId: string) => t.db.select().from(refunds).where(eq(refunds.orderId, orderId));

describe("the checkout menu", () => {
  it("lists the planogram with prices and stock, sold-out slots unavailable, and the operator's name", async () => {
    const m = await onlineMachine();
    const menu = (await getCheckoutMenu(t.db, m.machine.id))!;
    expect(menu.operator.name).toBe(m.org.name);
    expect(menu.machine).toMatchObject({ id: m.machine.id, name: "Station hall 1", location: "Main station", online: true });
    expect(menu.items.map((i) => [i.slot, i.name, i.priceMinor, i.stock, i.available])).toEqual([
      ["A1", "Cola 0.33 l", 250, 5, true],
      ["A2", "Water 0.5 l", 150, 0, false],
      ["B1", "Chocolate bar", 180, 0, false],
    ]);
    expect(await getCheckoutMenu(t.db, "mch_doesnotexist")).toBeNull();
  });

  it("refuses orders the machine cannot serve, with reasons a consumer understands", async () => {
    const m = await onlineMachine();
    await expect(createOrder(t.db, { machineId: m.machine.id, slot: "A2", provider: demo, consumerId: null, baseUrl })).rejects.toMatchObject({
      kind: "CONFLICT",
      message: "Water 0.5 l is sold out. Please choose something else.",
    });
    await expect(createOrder(t.db, { machineId: m.machine.id, slot: "Z9", provider: demo, consumerId: null, baseUrl })).rejects.toMatchObject({ kind: "BAD_REQUEST" });
    await expect(createOrder(t.db, { machineId: "mch_nope", slot: "A1", provider: demo, consumerId: null, baseUrl })).rejects.toMatchObject({ kind: "NOT_FOUND" });
    const silent = await createMachineWithPlanogram(t.db);
    await expect(createOrder(t.db, { machineId: silent.machine.id, slot: "A1", provider: demo, consumerId: null, baseUrl })).rejects.toMatchObject({
      kind: "CONFLICT",
      message: expect.stringContaining("offline"),
    });
    expect(await t.db.select().from(orders).where(eq(orders.orgId, silent.org.id))).toEqual([]);
  });

  it("holds a unit of stock for each paid order until it is vended", async () => {
    const m = await onlineMachine({ stock: 1 });
    await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: demo, consumerId: null, baseUrl });
    const menu = (await getCheckoutMenu(t.db, m.machine.id))!;
    expect(menu.items.find((i) => i.slot === "A1")).toMatchObject({ stock: 0, available: false });
  });
});

describe("an online order with the demo provider", () => {
  it("is paid at once, becomes a vend command, and is dispensed by the machine's report", async () => {
    const m = await onlineMachine();
    const consumer = await createUser(t.db);
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateLoyaltyProgram(ctx, { enabled: true, pointsPerUnit: 10, tiers: [] }));
    const { orderId, redirectUrl } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: demo, consumerId: consumer.id, baseUrl });
    expect(redirectUrl).toBe(`${baseUrl}/order/${orderId}`);
    const paid = await orderRow(orderId);
    expect(paid).toMatchObject({ status: "paid", amountMinor: 250, currency: "EUR", provider: "demo", consumerId: consumer.id });
    expect(paid.commandExpiresAt!.getTime() - paid.paidAt!.getTime()).toBe(orderTiming.commandSeconds * 1000);

    // Every events response carries the command until the machine reports the vend.
    const poll = await sendEvents(t.db, m.machine.id, m.secret, { events: [heartbeat()] });
    expect(poll.json.commands).toEqual([{ id: paid.commandId, type: "vend", orderId, slot: "A1", expiresAt: paid.commandExpiresAt!.toISOString() }]);
    const again = await sendEvents(t.db, m.machine.id, m.secret, { events: [heartbeat()] });
    expect(again.json.commands).toHaveLength(1);

    const done = await sendEvents(t.db, m.machine.id, m.secret, { events: [orderVend(orderId, "A1", true)] });
    expect(done.json.commands).toEqual([]);
    const dispensed = await orderRow(orderId);
    expect(dispensed.status).toBe("dispensed");
    const [sale] = await t.db.select().from(sales).where(eq(sales.id, dispensed.saleId!));
    expect(sale).toMatchObject({ status: "succeeded", orderId, consumerId: consumer.id });
    // 2.50 EUR at 10 points per euro.
    const [member] = await t.db.select().from(loyaltyMembers).where(and(eq(loyaltyMembers.orgId, m.org.id), eq(loyaltyMembers.consumerId, consumer.id)));
    expect(member?.points).toBe(25);
    expect(await refundsOf(orderId)).toEqual([]);
    const view = (await getOrderView(t.db, orderId))!;
    expect(view).toMatchObject({ status: "dispensed", productName: "Cola 0.33 l", machine: { name: "Station hall 1" }, refund: null });
  });

  it("refunds a failed vend once, whatever repeats, and the expiry sweep adds nothing", async () => {
    const m = await onlineMachine();
    const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: demo, consumerId: null, baseUrl });
    const failed = orderVend(orderId, "A1", false);
    const first = await sendEvents(t.db, m.machine.id, m.secret, { events: [failed] });
    expect(first.json.results).toEqual([{ id: failed.id, status: "accepted" }]);
    // The machine retries the same event, and reports the failure again under a new id.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [failed] });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [orderVend(orderId, "A1", false)] });
    await expireOrders(t.db, new Date(Date.now() + 10 * 60_000));

    const order = await orderRow(orderId);
    expect(order).toMatchObject({ status: "failed", failureReason: "dispense_failed" });
    const owed = await refundsOf(orderId);
    expect(owed).toHaveLength(1);
    expect(owed[0]).toMatchObject({ amountMinor: 250, paymentReference: order.paymentReference, saleId: order.saleId, origin: "automatic", reason: "vend_failed:dispense_failed" });
    // The second report is a failed sale of its own but owes nothing more: the order was refunded.
    expect(await t.db.select().from(refunds).where(eq(refunds.orgId, m.org.id))).toHaveLength(1);

    await processDueRefunds(t.db, { provider: demo });
    expect((await getOrderView(t.db, orderId))!.refund).toMatchObject({ status: "succeeded", amountMinor: 250 });
  });

  it("expires a paid order the machine never vends and refunds it, once; a late report adds no refund", async () => {
    const m = await onlineMachine();
    const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: demo, consumerId: null, baseUrl });
    const paid = await orderRow(orderId);
    // Within the command's time and its grace nothing happens.
    await expireOrders(t.db, new Date(paid.commandExpiresAt!.getTime() + 1000));
    expect((await orderRow(orderId)).status).toBe("paid");

    const later = new Date(paid.commandExpiresAt!.getTime() + (orderTiming.graceSeconds + 1) * 1000);
    const result = await expireOrders(t.db, later);
    expect(result).toMatchObject({ expired: 1, refundsOwed: 1 });
    expect(await expireOrders(t.db, later)).toMatchObject({ expired: 0, refundsOwed: 0 });
    expect(await orderRow(orderId)).toMatchObject({ status: "expired", failureReason: "not_vended_in_time" });
    expect(await refundsOf(orderId)).toHaveLength(1);

    // No command after expiry; a report that comes in late is recorded but owes nothing more.
    const poll = await sendEvents(t.db, m.machine.id, m.secret, { events: [orderVend(orderId, "A1", false)] });
    expect(poll.json.commands).toEqual([]);
    expect(await refundsOf(orderId)).toHaveLength(1);
    const lateSale = (await orderRow(orderId)).saleId!;
    expect(lateSale).not.toBeNull();
    // Nor can the late sale be refunded by hand: its order was.
    await expect(asOwner(t.db, m.org.id, m.owner.id, (ctx) => refundSale(ctx, { saleId: lateSale, reason: "Double check" }))).rejects.toMatchObject({
      kind: "CONFLICT",
      message: "This sale's order has already been refunded.",
    });
    const audit = await withTenant(t.db, { orgId: m.org.id }, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.orgId, m.org.id), eq(auditLog.targetId, orderId))));
    expect(audit.map((a) => a.action).sort()).toEqual(["order.expired", "order.paid"]);
  });

  it("gives one refund when a failed report and the expiry sweep race", async () => {
    const m = await onlineMachine();
    const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: demo, consumerId: null, baseUrl });
    const paid = await orderRow(orderId);
    const late = new Date(paid.commandExpiresAt!.getTime() + 60_000);
    await Promise.all([
      ...Array.from({ length: 5 }, () => sendEvents(t.db, m.machine.id, m.secret, { events: [orderVend(orderId, "A1", false)] })),
      expireOrders(t.db, late),
      expireOrders(t.db, late),
    ]);
    expect(await refundsOf(orderId)).toHaveLength(1);
    expect(["failed", "expired"]).toContain((await orderRow(orderId)).status);
  });
});

describe("an online order paid through Stripe Checkout", () => {
  const deliver = (event: Record<string, unknown>) => {
    const rawBody = JSON.stringify(event);
    return handleStripeWebhook(t.db, { provider: stripe, delivery: { rawBody, signature: FakeStripe.sign(rawBody, webhookSecret), secret: webhookSecret } });
  };

  it("opens a checkout with card, Alipay and WeChat Pay and is paid by checkout.session.completed, once", async () => {
    const m = await onlineMachine();
    const { orderId, redirectUrl } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: stripe, consumerId: null, baseUrl });
    const awaiting = await orderRow(orderId);
    expect(awaiting).toMatchObject({ status: "awaiting_payment", provider: "stripe" });
    expect(redirectUrl).toBe(awaiting.checkoutUrl);
    expect(redirectUrl).toContain(fake.url);
    const created = fake.requests.filter((r) => r.path === "/v1/checkout/sessions" && r.method === "POST").at(-1)!;
    expect(created.idempotencyKey).toBe(`checkout-${orderId}`);
    // Unpaid, the order is not a command yet.
    expect((await sendEvents(t.db, m.machine.id, m.secret, { events: [heartbeat()] })).json.commands).toEqual([]);

    const event = fake.completeSession(awaiting.checkoutSessionId!, "alipay");
    expect((await deliver(event)).status).toBe(200);
    expect(await deliver(event)).toMatchObject({ status: 200, body: { duplicate: true } });
    const paid = await orderRow(orderId);
    expect(paid).toMatchObject({ status: "paid", paymentMethod: "alipay" });
    expect(paid.paymentReference).toMatch(/^pi_/);
    const poll = await sendEvents(t.db, m.machine.id, m.secret, { events: [heartbeat()] });
    expect(poll.json.commands).toEqual([expect.objectContaining({ orderId, slot: "A1", type: "vend" })]);

    // The vend fails: the refund goes back to the payment intent through Stripe.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [orderVend(orderId, "A1", false)] });
    await processDueRefunds(t.db, { provider: stripe });
    const [refund] = await refundsOf(orderId);
    expect(refund).toMatchObject({ status: "succeeded", paymentReference: paid.paymentReference });
    expect(fake.refunds.get(refund!.providerRefundId!)).toMatchObject({ payment_intent: paid.paymentReference, amount: 250 });
  });

  it("cancels an order whose checkout expired unpaid, and ignores a stale expiry after payment", async () => {
    const m = await onlineMachine();
    const a = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: stripe, consumerId: null, baseUrl });
    const b = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: stripe, consumerId: null, baseUrl });
    const sessionA = (await orderRow(a.orderId)).checkoutSessionId!;
    const sessionB = (await orderRow(b.orderId)).checkoutSessionId!;
    await deliver(fake.expireSession(sessionA));
    expect(await orderRow(a.orderId)).toMatchObject({ status: "canceled", failureReason: "checkout_expired" });

    // Out of order: an expiry event delivered after the payment is read against Stripe's current state.
    const completed = fake.completeSession(sessionB);
    const staleExpiry = fake.event("checkout.session.expired", { ...(completed.data as { object: Record<string, unknown> }).object, status: "expired" });
    await deliver(completed);
    await deliver(staleExpiry);
    expect((await orderRow(b.orderId)).status).toBe("paid");
  });

  it("refunds at once a payment that arrives for an order already canceled", async () => {
    const m = await onlineMachine();
    const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: stripe, consumerId: null, baseUrl });
    const order = await orderRow(orderId);
    await expireOrders(t.db, new Date(order.checkoutExpiresAt.getTime() + 1000));
    expect((await orderRow(orderId)).status).toBe("canceled");
    await deliver(fake.completeSession(order.checkoutSessionId!));
    expect(await orderRow(orderId)).toMatchObject({ status: "canceled" });
    expect(await refundsOf(orderId)).toEqual([expect.objectContaining({ reason: "paid_after_cancel", status: "pending" })]);
  });

  it("cancels the order and says so when Stripe is down", async () => {
    const m = await onlineMachine();
    fake.failNext(1, { kind: "status", status: 500 });
    await expect(createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: stripe, consumerId: null, baseUrl })).rejects.toMatchObject({
      kind: "TOO_MANY_REQUESTS",
      message: "The payment service did not answer. Please try again in a moment.",
    });
    const rows = await t.db.select().from(orders).where(eq(orders.orgId, m.org.id));
    expect(rows).toEqual([expect.objectContaining({ status: "canceled", failureReason: "checkout_unavailable" })]);
  });
});
