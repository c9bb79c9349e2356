import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, orders, paymentWebhookEvents } from "~/db/schema";
import { alipayMachine, postAlipayNotification, useFakeAlipayGateway } from "~/test/alipay-orgs";
import { apiTestDatabase } from "~/test/api-calls";
import type { TestDatabase } from "~/test/db";
import { FakeAlipay, rsaKeys, signNotification } from "~/test/fake-alipay";
import { createOrder } from "../checkout";
import { ALIPAY_NOTIFY_MAX_BYTES } from "./notification";

// The notify route opens the process's database: this file's test database.
const testDb = apiTestDatabase();
let t: TestDatabase;
let fake: FakeAlipay;
let restoreGateway: () => void;
const baseUrl = "https://vendops.example";

beforeAll(async () => {
  t = testDb();
  fake = await new FakeAlipay().start();
  restoreGateway = useFakeAlipayGateway(fake);
  // Refused notifications are logged; the tests assert what they change, not the log.
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  restoreGateway();
  await fake.stop();
});

const orderRow = async (orderId: string) => (await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const paidAudits = async (orderId: string) =>
  (await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, orderId), eq(auditLog.action, "order.paid")))).length;
const recorded = (orgId: string, notifyId: string) =>
  t.db.select().from(paymentWebhookEvents).where(and(eq(paymentWebhookEvents.provider, "alipay"), eq(paymentWebhookEvents.eventId, `${orgId}:${notifyId}`)));

/** An order of a cola (2.50) at an Alipay machine, checked out on `channel`. */
async function alipayOrder(channel: "qr" | "mobile_web" = "qr") {
  const m = await alipayMachine(t.db, fake);
  const placed = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", method: "alipay", channel, provider: null, consumerId: null, baseUrl });
  return { ...m, ...placed };
}

describe("paying with Alipay", () => {
  it("pays a QR checkout: the order page shows the code, and the notification marks the order paid once", async () => {
    const o = await alipayOrder("qr");
    expect(o.redirectUrl).toBe(`${baseUrl}/order/${o.orderId}`);
    const placed = await orderRow(o.orderId);
    expect(placed).toMatchObject({ status: "awaiting_payment", provider: "alipay", checkoutSessionId: o.orderId, checkoutQrCode: expect.stringContaining("qr.alipay.com") });
    expect(fake.trade(o.appId, o.orderId)).toMatchObject({ totalFen: 250, notifyUrl: `${baseUrl}/api/webhooks/alipay/${o.org.id}` });

    const note = fake.pay(o.appId, o.orderId);
    expect(await postAlipayNotification(o.org.id, note.body)).toEqual({ status: 200, text: "success" });
    const tradeNo = fake.trade(o.appId, o.orderId)!.tradeNo;
    expect(await orderRow(o.orderId)).toMatchObject({ status: "paid", paymentMethod: "alipay", paymentReference: tradeNo });
    // The same notification again, and a fresh one about the same payment: nothing more happens.
    expect(await postAlipayNotification(o.org.id, note.body)).toEqual({ status: 200, text: "success" });
    expect(await postAlipayNotification(o.org.id, fake.notification(fake.trade(o.appId, o.orderId)!).body)).toEqual({ status: 200, text: "success" });
    expect(await paidAudits(o.orderId)).toBe(1);
    expect(await recorded(o.org.id, note.fields.notify_id!)).toHaveLength(1);
  });

  it("pays a phone (wap) checkout: the consumer goes to Alipay's cashier, and the notification marks the order paid", async () => {
    const o = await alipayOrder("mobile_web");
    const link = new URL(o.redirectUrl);
    expect(`${link.origin}${link.pathname}`).toBe(fake.gatewayUrl);
    expect(link.searchParams.get("notify_url")).toBe(`${baseUrl}/api/webhooks/alipay/${o.org.id}`);
    expect((await fetch(o.redirectUrl)).status).toBe(200); // the cashier page opens the trade
    const note = fake.pay(o.appId, o.orderId);
    expect(await postAlipayNotification(o.org.id, note.body)).toEqual({ status: 200, text: "success" });
    expect(await orderRow(o.orderId)).toMatchObject({ status: "paid", paymentMethod: "alipay", paymentReference: fake.trade(o.appId, o.orderId)!.tradeNo });
  });

  it("ends in Alipay's current state whatever the order of the notifications: a late 'waiting' one does not undo a payment", async () => {
    const o = await alipayOrder();
    const waiting = fake.notification(fake.trade(o.appId, o.orderId)!); // sent when the trade was opened
    const paid = fake.pay(o.appId, o.orderId);
    expect((await postAlipayNotification(o.org.id, paid.body)).text).toBe("success");
    expect((await postAlipayNotification(o.org.id, waiting.body)).text).toBe("success");
    expect(await orderRow(o.orderId)).toMatchObject({ status: "paid" });
    expect(await paidAudits(o.orderId)).toBe(1);
  });

  it("cancels an order whose trade closed unpaid", async () => {
    const o = await alipayOrder();
    const trade = fake.trade(o.appId, o.orderId)!;
    trade.status = "TRADE_CLOSED"; // Alipay closed it when it timed out
    expect((await postAlipayNotification(o.org.id, fake.notification(trade).body)).text).toBe("success");
    expect(await orderRow(o.orderId)).toMatchObject({ status: "canceled", failureReason: "checkout_expired" });
  });

  it("answers 503 `fail` while Alipay cannot be asked, so Alipay sends the notification again, and acts on the next delivery", async () => {
    const o = await alipayOrder();
    const note = fake.pay(o.appId, o.orderId);
    fake.failNext(1, { kind: "status", status: 503, method: "alipay.trade.query" });
    expect(await postAlipayNotification(o.org.id, note.body)).toEqual({ status: 503, text: "fail" });
    expect(await orderRow(o.orderId)).toMatchObject({ status: "awaiting_payment" });
    expect(await recorded(o.org.id, note.fields.notify_id!)).toEqual([]);
    expect(await postAlipayNotification(o.org.id, note.body)).toEqual({ status: 200, text: "success" });
    expect(await orderRow(o.orderId)).toMatchObject({ status: "paid" });
  });
});

describe("notifications that are refused", () => {
  it("refuses a bad signature, another app's id and a tampered amount with 400 `fail`, changing and recording nothing", async () => {
    const o = await alipayOrder();
    const note = fake.pay(o.appId, o.orderId);
    const forgeries = [
      signNotification(note.fields, rsaKeys().privateKey),
      signNotification({ ...note.fields, app_id: "2021000000000999" }, fake.keys.privateKey),
      note.body.replace("total_amount=2.50", "total_amount=0.01"),
      note.body.replace(/sign=[^&]+/, ""),
      "not a form at all",
    ];
    for (const body of forgeries) expect(await postAlipayNotification(o.org.id, body)).toEqual({ status: 400, text: "fail" });
    expect(await orderRow(o.orderId)).toMatchObject({ status: "awaiting_payment", paymentReference: null });
    expect(await recorded(o.org.id, note.fields.notify_id!)).toEqual([]);
  });

  it("answers 400 `fail` for an org without Alipay, an unknown org and a malformed org id", async () => {
    const o = await alipayOrder();
    const note = fake.pay(o.appId, o.orderId);
    for (const orgId of ["org_doesnotexist", "../../etc", "x".repeat(65)]) {
      expect(await postAlipayNotification(orgId, note.body)).toEqual({ status: 400, text: "fail" });
    }
    expect(await orderRow(o.orderId)).toMatchObject({ status: "awaiting_payment" });
  });

  it("answers 413 to a body over the limit", async () => {
    const body = `notify_id=${"x".repeat(ALIPAY_NOTIFY_MAX_BYTES)}`;
    expect((await postAlipayNotification("org_any", body)).status).toBe(413);
  });
});

describe("one org's notify URL and another org's orders", () => {
  it("cannot pay, cancel or block another org's order, even with notifications it signs itself", async () => {
    const victim = await alipayOrder();
    // An org that saved an "Alipay public key" of its own making can sign notifications for its URL.
    const forger = rsaKeys();
    const attacker = await alipayMachine(t.db, fake, { alipayPublicKey: forger.publicKey });
    const genuine = fake.pay(victim.appId, victim.orderId);

    // The victim's genuine notification at the attacker's URL: another app's, refused.
    expect(await postAlipayNotification(attacker.org.id, genuine.body)).toEqual({ status: 400, text: "fail" });
    // Signed for the attacker's app, about the victim's order, with the victim's notify_id: acknowledged, nothing changes.
    const forged = signNotification({ ...genuine.fields, app_id: attacker.appId }, forger.privateKey);
    expect(await postAlipayNotification(attacker.org.id, forged)).toEqual({ status: 200, text: "success" });
    const closed = signNotification({ ...genuine.fields, app_id: attacker.appId, notify_id: "n2", trade_status: "TRADE_CLOSED" }, forger.privateKey);
    expect(await postAlipayNotification(attacker.org.id, closed)).toEqual({ status: 200, text: "success" });
    expect(await orderRow(victim.orderId)).toMatchObject({ status: "awaiting_payment", paymentReference: null });
    // Nor did it use up the victim's notify_id: the genuine notification still pays the victim's order.
    expect(await postAlipayNotification(victim.org.id, genuine.body)).toEqual({ status: 200, text: "success" });
    expect(await orderRow(victim.orderId)).toMatchObject({ status: "paid" });
  });
});
