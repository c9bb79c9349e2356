import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, orders, paymentWebhookEvents, refunds } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { FakeWechatPay } from "~/test/fake-wechatpay";
import { eventId, sendEvents, vend } from "~/test/machines";
import { postWechatPayNotification, useFakeWechatPayApi, wechatPayMachine } from "~/test/wechatpay-orgs";
import { createOrder, getOrderView } from "../checkout";
import { sendDueRefunds } from "../send-owed-refunds";

let t: TestDatabase;
let fake: FakeWechatPay;
let restoreApi: () => void;
const baseUrl = "https://vendops.example";
const phoneIp = "203.0.113.7";

beforeAll(async () => {
  t = await createTestDatabase();
  fake = await new FakeWechatPay().start();
  restoreApi = useFakeWechatPayApi(fake);
});
afterAll(async () => {
  restoreApi();
  await fake.stop();
  await t.drop();
});

const orderRow = async (orderId: string) => (await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const refundOf = async (orderId: string) => (await t.db.select().from(refunds).where(eq(refunds.orderId, orderId)))[0];
const paidAudits = (orderId: string) => t.db.select().from(auditLog).where(and(eq(auditLog.action, "order.paid"), eq(auditLog.targetId, orderId)));

/** An order placed with WeChat Pay on a desktop browser (a Native QR code). */
async function qrOrder(m: Awaited<ReturnType<typeof wechatPayMachine>>) {
  return createOrder(t.db, { machineId: m.machine.id, slot: "A1", method: "wechat_pay", channel: "qr", provider: null, consumerId: null, baseUrl, clientIp: phoneIp });
}

/** The machine's report that it failed to vend an order. */
function failedVend(orderId: string) {
  const v = vend("A1", { ok: false, id: eventId(), method: "online" });
  return { ...v, data: { ...v.data, currency: "CNY", orderId, payment: { method: "online", reference: orderId } } };
}

describe("paying with an org's own WeChat Pay account", () => {
  it("shows a Native QR code on the order page, and a payment notification marks the order paid", async () => {
    const m = await wechatPayMachine(t.db, fake);
    const { orderId, redirectUrl } = await qrOrder(m);
    expect(redirectUrl).toBe(`${baseUrl}/order/${orderId}`);
    const placed = await orderRow(orderId);
    expect(placed).toMatchObject({ status: "awaiting_payment", provider: "wechatpay", currency: "CNY" });
    expect(placed.checkoutQrCode).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    expect((await getOrderView(t.db, orderId))!.checkoutQrCode).toBe(placed.checkoutQrCode);
    const trade = fake.transactions.get(orderId)!;
    expect(trade).toMatchObject({ kind: "native", mchid: m.merchant.mchid, notify_url: `${baseUrl}/api/webhooks/wechatpay/${m.org.id}`, amount: { total: 250, currency: "CNY" } });
    expect(fake.requests.every((r) => r.signed)).toBe(true);

    const answer = await postWechatPayNotification(t.db, m.org.id, fake.pay(orderId));
    expect(answer).toEqual({ status: 204, body: "" });
    expect(await orderRow(orderId)).toMatchObject({ status: "paid", paymentMethod: "wechat_pay", paymentReference: trade.transaction_id, checkoutQrCode: placed.checkoutQrCode });
    expect((await getOrderView(t.db, orderId))!.checkoutQrCode).toBeNull();
  });

  it("sends a phone browser to WeChat Pay's H5 page with the payer's IP, and back to the order page", async () => {
    const m = await wechatPayMachine(t.db, fake);
    const { orderId, redirectUrl } = await createOrder(t.db, {
      machineId: m.machine.id,
      slot: "A1",
      method: "wechat_pay",
      channel: "mobile_web",
      provider: null,
      consumerId: null,
      baseUrl,
      clientIp: phoneIp,
    });
    const url = new URL(redirectUrl);
    expect(url.origin + url.pathname).toBe("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb");
    expect(url.searchParams.get("redirect_url")).toBe(`${baseUrl}/order/${orderId}`);
    expect(fake.transactions.get(orderId)).toMatchObject({ kind: "h5", payer_client_ip: phoneIp });
    expect((await orderRow(orderId)).checkoutQrCode).toBeNull();
    expect((await postWechatPayNotification(t.db, m.org.id, fake.pay(orderId))).status).toBe(204);
    expect(await orderRow(orderId)).toMatchObject({ status: "paid", paymentMethod: "wechat_pay" });
  });

  it("refuses WeChat Pay at a machine whose org has not switched it on", async () => {
    const m = await wechatPayMachine(t.db, fake);
    await t.db.execute(sql`update org_payment_providers set enabled = false where org_id = ${m.org.id}`);
    await expect(qrOrder(m)).rejects.toMatchObject({ kind: "BAD_REQUEST", message: "This machine does not take WeChat Pay online. Please choose another way to pay." });
  });
});

describe("WeChat Pay notifications", () => {
  it("end in one paid order whatever their order and repeats: a refund notice first, the payment notice twice", async () => {
    const m = await wechatPayMachine(t.db, fake);
    const { orderId } = await qrOrder(m);
    // A notice that claims a payment WeChat Pay does not have: the state asked of WeChat Pay wins.
    const early = fake.notification(m.merchant.mchid, "TRANSACTION.SUCCESS", "transaction", { out_trade_no: orderId, trade_state: "SUCCESS", transaction_id: "4200forged" });
    expect((await postWechatPayNotification(t.db, m.org.id, early)).status).toBe(204);
    expect((await orderRow(orderId)).status).toBe("awaiting_payment");
    const refundFirst = fake.notification(m.merchant.mchid, "REFUND.SUCCESS", "refund", { out_refund_no: "rfd_unknown", out_trade_no: orderId });
    expect((await postWechatPayNotification(t.db, m.org.id, refundFirst)).status).toBe(204);

    const paid = fake.pay(orderId);
    expect((await postWechatPayNotification(t.db, m.org.id, paid)).status).toBe(204);
    expect((await postWechatPayNotification(t.db, m.org.id, paid)).status).toBe(204);
    expect((await postWechatPayNotification(t.db, m.org.id, fake.pay(orderId))).status).toBe(204);
    expect(await orderRow(orderId)).toMatchObject({ status: "paid", paymentReference: fake.transactions.get(orderId)!.transaction_id });
    expect(await paidAudits(orderId)).toHaveLength(1);
    expect(await refundOf(orderId)).toBeUndefined();
  });

  it("refuses forged notices (bad signature, stale timestamp, tampered or foreign ciphertext) and changes nothing", async () => {
    const m = await wechatPayMachine(t.db, fake);
    const { orderId } = await qrOrder(m);
    const genuine = fake.pay(orderId);
    const body = JSON.parse(genuine.rawBody) as { resource: { ciphertext: string } };
    const flipped = Buffer.from(body.resource.ciphertext, "base64");
    flipped[0] = flipped[0]! ^ 0xff;
    const tampered = fake.signed(JSON.stringify({ ...body, resource: { ...body.resource, ciphertext: flipped.toString("base64") } }));
    const forgeries = [
      { ...genuine, signature: fake.signed(genuine.rawBody, { signWith: fake.registerMerchant().privateKey }).signature },
      fake.signed(genuine.rawBody, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
      tampered,
      fake.notification(m.merchant.mchid, "TRANSACTION.SUCCESS", "transaction", { out_trade_no: orderId }, { apiV3Key: "b".repeat(32) }),
      { ...genuine, signature: "" },
    ];
    for (const forged of forgeries) {
      const answer = await postWechatPayNotification(t.db, m.org.id, forged);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ code: "FAIL", message: expect.stringContaining("refused") });
    }
    expect((await orderRow(orderId)).status).toBe("awaiting_payment");
    expect(await t.db.select().from(paymentWebhookEvents).where(sql`${paymentWebhookEvents.eventId} like ${`${m.org.id}:%`}`)).toEqual([]);
  });

  it("another org's notification URL cannot touch this org's orders", async () => {
    const ours = await wechatPayMachine(t.db, fake);
    const theirs = await wechatPayMachine(t.db, fake);
    const { orderId } = await qrOrder(ours);
    const paid = fake.pay(orderId);
    // Our genuine notice at their URL: their API v3 key cannot open it.
    expect((await postWechatPayNotification(t.db, theirs.org.id, paid)).status).toBe(401);
    // Their merchant's genuine notice naming our order: their URL looks only at their orders.
    const naming = fake.notification(theirs.merchant.mchid, "TRANSACTION.SUCCESS", "transaction", { out_trade_no: orderId });
    expect((await postWechatPayNotification(t.db, theirs.org.id, naming)).status).toBe(204);
    expect((await orderRow(orderId)).status).toBe("awaiting_payment");
    // A URL of an org without WeChat Pay, or of no org at all.
    expect((await postWechatPayNotification(t.db, "org_nobody", paid)).status).toBe(404);
    expect((await postWechatPayNotification(t.db, "../../etc", paid)).status).toBe(404);
    expect((await postWechatPayNotification(t.db, ours.org.id, paid)).status).toBe(204);
    expect((await orderRow(orderId)).status).toBe("paid");
  });
});

describe("refunds through the org's WeChat Pay account", () => {
  async function paidOrder() {
    const m = await wechatPayMachine(t.db, fake);
    const { orderId } = await qrOrder(m);
    await postWechatPayNotification(t.db, m.org.id, fake.pay(orderId));
    return { m, orderId };
  }

  it("refunds a failed vend to the original payment exactly once, with our refund id as out_refund_no", async () => {
    const { m, orderId } = await paidOrder();
    const before = fake.refundCreations();
    await sendEvents(t.db, m.machine.id, m.secret, { events: [failedVend(orderId)] });
    await sendDueRefunds(t.db);
    await sendDueRefunds(t.db);
    const refund = (await refundOf(orderId))!;
    expect(refund).toMatchObject({ status: "succeeded", paymentMethod: "wechat_pay", attempts: 1 });
    expect(fake.refundCreations()).toBe(before + 1);
    const sent = fake.refunds.get(refund.id)!;
    expect(sent).toMatchObject({ out_refund_no: refund.id, out_trade_no: orderId, transaction_id: (await orderRow(orderId)).paymentReference, amount: { refund: 250, total: 250, currency: "CNY" } });
    expect(refund.providerRefundId).toBe(sent.refund_id);

    // WeChat Pay's notice of the outcome, twice: the refund stays succeeded; an abnormal one turns it failed.
    const settled = fake.settleRefund(refund.id, "SUCCESS");
    expect((await postWechatPayNotification(t.db, m.org.id, settled)).status).toBe(204);
    expect((await postWechatPayNotification(t.db, m.org.id, settled)).status).toBe(204);
    expect((await refundOf(orderId))!.status).toBe("succeeded");
    expect((await postWechatPayNotification(t.db, m.org.id, fake.settleRefund(refund.id, "ABNORMAL"))).status).toBe(204);
    expect((await refundOf(orderId))!).toMatchObject({ status: "failed", lastError: expect.stringContaining("WeChat Pay") });
  });

  it("sends a refund again after WeChat Pay's SYSTEM_ERROR, and it succeeds once", async () => {
    const { m, orderId } = await paidOrder();
    const before = fake.refundCreations();
    fake.failNext(1, { kind: "code", status: 500, code: "SYSTEM_ERROR", path: "/v3/refund" });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [failedVend(orderId)] });
    const first = await sendDueRefunds(t.db);
    expect(first).toMatchObject({ retried: 1, succeeded: 0 });
    expect((await refundOf(orderId))!).toMatchObject({ status: "pending", lastError: expect.stringContaining("SYSTEM_ERROR") });
    await t.db.update(refunds).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(refunds.orderId, orderId));
    expect(await sendDueRefunds(t.db)).toMatchObject({ succeeded: 1 });
    expect((await refundOf(orderId))!).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(fake.refundCreations()).toBe(before + 1);
  });

  it("gives up at once on a refund WeChat Pay refuses for good", async () => {
    const { m, orderId } = await paidOrder();
    fake.failNext(1, { kind: "code", status: 400, code: "INVALID_REQUEST", path: "/v3/refund" });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [failedVend(orderId)] });
    expect(await sendDueRefunds(t.db)).toMatchObject({ failed: 1 });
    expect((await refundOf(orderId))!).toMatchObject({ status: "failed", attempts: 1 });
  });
});
