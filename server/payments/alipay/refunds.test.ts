import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { notificationDeliveries, orders, refunds } from "~/db/schema";
import { alipayMachine, postAlipayNotification, useFakeAlipayGateway } from "~/test/alipay-orgs";
import { apiTestDatabase } from "~/test/api-calls";
import type { TestDatabase } from "~/test/db";
import { FakeAlipay, signNotification } from "~/test/fake-alipay";
import { asOwner, eventId, sendEvents, vend } from "~/test/machines";
import { createEndpoint } from "~/server/notifications";
import { createOrder } from "../checkout";
import { expireOrders } from "../orders";
import { processDueRefunds } from "../refund-queue";
import { sendDueRefunds } from "../send-owed-refunds";
import { AlipayProvider } from "./provider";

// The notify route opens the process's database: this file's test database.
const testDb = apiTestDatabase();
let t: TestDatabase;
let fake: FakeAlipay;
let restoreGateway: () => void;

beforeAll(async () => {
  t = testDb();
  fake = await new FakeAlipay().start();
  restoreGateway = useFakeAlipayGateway(fake);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  restoreGateway();
  await fake.stop();
});

const refundOf = async (orderId: string) => {
  const rows = await t.db.select().from(refunds).where(eq(refunds.orderId, orderId));
  expect(rows).toHaveLength(1);
  return rows[0]!;
};
const orderRow = async (orderId: string) => (await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
/** Makes a refund that waits for its next attempt due now, as time passing would. */
const dueNow = (refundId: string) => t.db.update(refunds).set({ nextAttemptAt: sql`now()` }).where(eq(refunds.id, refundId));

/** An Alipay order of a cola (2.50 yuan), paid (its notification delivered), whose vend then failed: a refund is owed. */
async function failedPaidOrder() {
  const m = await alipayMachine(t.db, fake);
  const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", method: "alipay", channel: "qr", provider: null, consumerId: null, baseUrl: "https://vendops.example" });
  const payment = fake.pay(m.appId, orderId);
  expect((await postAlipayNotification(m.org.id, payment.body)).text).toBe("success");
  const failed = vend("A1", { ok: false, id: eventId(), method: "online" });
  await sendEvents(t.db, m.machine.id, m.secret, { events: [{ ...failed, data: { ...failed.data, currency: "CNY", orderId, payment: { method: "online", reference: orderId } } }] });
  const refund = await refundOf(orderId);
  expect(refund).toMatchObject({ status: "pending", amountMinor: 250, currency: "CNY", paymentMethod: "alipay", paymentReference: fake.trade(m.appId, orderId)!.tradeNo });
  return { ...m, orderId, payment, refund, trade: () => fake.trade(m.appId, orderId)! };
}

describe("refunding an Alipay payment", () => {
  it("refunds a failed vend exactly once, with our refund id as out_request_no, whatever notifications follow", async () => {
    const o = await failedPaidOrder();
    expect(await sendDueRefunds(t.db)).toMatchObject({ succeeded: 1, retried: 0, failed: 0 });
    expect(o.trade().refunds).toEqual(new Map([[o.refund.id, 250]]));
    expect(await refundOf(o.orderId)).toMatchObject({ status: "succeeded", providerRefundId: o.refund.id });
    expect(await sendDueRefunds(t.db)).toMatchObject({ claimed: 0 });

    // Alipay's refund notification, then the payment's again (its `success` answer was lost) and a
    // stale one about the payment: the order stays failed and refunded once, never paid or canceled again.
    const refunded = fake.notification(o.trade(), o.refund.id);
    expect(await postAlipayNotification(o.org.id, refunded.body)).toEqual({ status: 200, text: "success" });
    expect(await postAlipayNotification(o.org.id, o.payment.body)).toEqual({ status: 200, text: "success" });
    const stale = signNotification({ ...o.payment.fields, notify_id: `stale-${o.orderId}` }, fake.keys.privateKey);
    expect(await postAlipayNotification(o.org.id, stale)).toEqual({ status: 200, text: "success" });
    expect(await orderRow(o.orderId)).toMatchObject({ status: "failed", paymentMethod: "alipay" });
    expect(await refundOf(o.orderId)).toMatchObject({ status: "succeeded" });
    expect(o.trade().refunds.size).toBe(1);
  });

  it("retries a refund Alipay could not make (HTTP 5xx, ACQ.SYSTEM_ERROR) and makes it once on a later attempt", async () => {
    const o = await failedPaidOrder();
    fake.failNext(1, { kind: "status", status: 500, method: "alipay.trade.refund" });
    expect(await sendDueRefunds(t.db)).toMatchObject({ retried: 1, succeeded: 0 });
    expect(await refundOf(o.orderId)).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("HTTP 500") });
    fake.failNext(1, { kind: "refusal", subCode: "ACQ.SYSTEM_ERROR", method: "alipay.trade.refund" });
    await dueNow(o.refund.id);
    expect(await sendDueRefunds(t.db)).toMatchObject({ retried: 1, succeeded: 0 });
    expect(await refundOf(o.orderId)).toMatchObject({ status: "pending", attempts: 2, lastError: expect.stringContaining("ACQ.SYSTEM_ERROR") });
    expect(o.trade().refunds.size).toBe(0);
    await dueNow(o.refund.id);
    expect(await sendDueRefunds(t.db)).toMatchObject({ succeeded: 1 });
    expect(await refundOf(o.orderId)).toMatchObject({ status: "succeeded", attempts: 3, lastError: null });
    expect(o.trade().refunds).toEqual(new Map([[o.refund.id, 250]]));
  });

  it("never refunds twice when Alipay made the refund but its answer was lost: the retry finds it made", async () => {
    const o = await failedPaidOrder();
    const impatient = new AlipayProvider({ appId: o.appId, appPrivateKey: o.app.privateKey, alipayPublicKey: fake.keys.publicKey }, { gatewayUrl: fake.gatewayUrl, timeoutMs: 300 });
    fake.failNext(1, { kind: "lost", ms: 2500, method: "alipay.trade.refund" });
    expect(await processDueRefunds(t.db, { provider: impatient })).toMatchObject({ retried: 1 });
    expect(o.trade().refunds.size).toBe(1); // the money went back, though we do not know it yet
    await dueNow(o.refund.id);
    expect(await processDueRefunds(t.db, { provider: impatient })).toMatchObject({ succeeded: 1 });
    expect(o.trade().refunds).toEqual(new Map([[o.refund.id, 250]]));
    expect(fake.requests.filter((r) => r.method === "alipay.trade.refund" && r.bizContent.out_request_no === o.refund.id)).toHaveLength(2);
  });

  it("settles a refund from Alipay's refund notification when the answer to the refund was lost, and tells integrators once", async () => {
    const o = await failedPaidOrder();
    await asOwner(t.db, o.org.id, o.owner.id, (ctx) => createEndpoint(ctx, { url: "http://127.0.0.1:9/hooks", eventTypes: ["refund.succeeded"] }));
    const impatient = new AlipayProvider({ appId: o.appId, appPrivateKey: o.app.privateKey, alipayPublicKey: fake.keys.publicKey }, { gatewayUrl: fake.gatewayUrl, timeoutMs: 300 });
    fake.failNext(1, { kind: "lost", ms: 2500, method: "alipay.trade.refund" });
    expect(await processDueRefunds(t.db, { provider: impatient })).toMatchObject({ retried: 1 });
    expect(await refundOf(o.orderId)).toMatchObject({ status: "pending" });
    const refunded = fake.notification(o.trade(), o.refund.id);
    expect(await postAlipayNotification(o.org.id, refunded.body)).toEqual({ status: 200, text: "success" });
    expect(await postAlipayNotification(o.org.id, refunded.body)).toEqual({ status: 200, text: "success" });
    expect(await refundOf(o.orderId)).toMatchObject({ status: "succeeded", providerRefundId: o.refund.id });
    const events = await t.db.select({ eventType: notificationDeliveries.eventType }).from(notificationDeliveries).where(eq(notificationDeliveries.orgId, o.org.id));
    expect(events.filter((e) => e.eventType === "refund.succeeded")).toHaveLength(1);
    await dueNow(o.refund.id);
    expect(await sendDueRefunds(t.db)).toMatchObject({ claimed: 0 });
    expect(o.trade().refunds.size).toBe(1);
  });

  it("refunds, once, a payment made after its order was given up on", async () => {
    const m = await alipayMachine(t.db, fake);
    const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", method: "alipay", channel: "qr", provider: null, consumerId: null, baseUrl: "https://vendops.example" });
    await expireOrders(t.db, new Date(Date.now() + 31 * 60_000));
    expect(await orderRow(orderId)).toMatchObject({ status: "canceled" });
    // The consumer still had the code open and paid.
    const late = fake.pay(m.appId, orderId);
    expect(await postAlipayNotification(m.org.id, late.body)).toEqual({ status: 200, text: "success" });
    expect(await orderRow(orderId)).toMatchObject({ status: "canceled", paymentMethod: "alipay", paymentReference: fake.trade(m.appId, orderId)!.tradeNo });
    expect(await refundOf(orderId)).toMatchObject({ status: "pending", reason: "paid_after_cancel", amountMinor: 250 });
    expect(await sendDueRefunds(t.db)).toMatchObject({ succeeded: 1 });
    expect(await postAlipayNotification(m.org.id, fake.notification(fake.trade(m.appId, orderId)!).body)).toEqual({ status: 200, text: "success" });
    expect(fake.trade(m.appId, orderId)).toMatchObject({ status: "TRADE_CLOSED", refunds: new Map([[(await refundOf(orderId)).id, 250]]) });
    expect(await orderRow(orderId)).toMatchObject({ status: "canceled" });
  });
});
