import { createPrivateKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeAlipay, rsaKeys, signNotification } from "~/test/fake-alipay";
import type { CheckoutRequest } from "../payment-provider";
import { beijingTime, fenOf, yuanOf } from "./money";
import { AlipayProvider } from "./provider";

const appId = "2021000000000001";
const app = rsaKeys();
let fake: FakeAlipay;
let alipay: AlipayProvider;
let orderCounter = 0;

beforeAll(async () => {
  fake = await new FakeAlipay().start();
  fake.registerApp(appId, app.publicKey);
  alipay = new AlipayProvider({ appId, appPrivateKey: app.privateKey, alipayPublicKey: fake.keys.publicKey }, { gatewayUrl: fake.gatewayUrl, timeoutMs: 500 });
});
afterAll(async () => {
  await fake.stop();
});

function checkout(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    orderId: `ord_alipay_${++orderCounter}_${Date.now()}`,
    amountMinor: 1250,
    currency: "CNY",
    description: "Cola 0.33 l (slot A1)",
    successUrl: "https://vendops.example/order/x",
    cancelUrl: "https://vendops.example/m/mch_1?canceled=x",
    methods: ["alipay"],
    expiresAt: new Date("2026-12-07T12:30:00Z"),
    channel: "qr",
    notifyUrl: "https://vendops.example/api/webhooks/alipay/org_1",
    ...overrides,
  };
}

/** A QR checkout the consumer has paid: the order id and Alipay's trade number. */
async function paidTrade(amountMinor = 1250) {
  const request = checkout({ amountMinor });
  await alipay.createCheckout(request);
  fake.pay(appId, request.orderId);
  return { orderId: request.orderId, tradeNo: fake.trade(appId, request.orderId)!.tradeNo };
}

describe("amounts and times as Alipay writes them", () => {
  it("turns fen into yuan strings and back exactly", () => {
    expect([0, 1, 10, 250, 1250, 1999999, 30].map(yuanOf)).toEqual(["0.00", "0.01", "0.10", "2.50", "12.50", "19999.99", "0.30"]);
    expect(["12.50", "12.5", "12", "0.01", "0.3", "19999.99"].map(fenOf)).toEqual([1250, 1250, 1200, 1, 30, 1999999]);
    // 0.1 + 0.2 in floating point is 0.30000000000000004; in fen it is 30.
    expect(yuanOf(fenOf("0.10")! + fenOf("0.20")!)).toBe("0.30");
    expect(["1.005", "-1.00", "1e3", "", "abc"].map(fenOf)).toEqual([null, null, null, null, null]);
    expect(() => yuanOf(12.5)).toThrow(RangeError);
  });

  it("writes expiry times in Beijing time", () => {
    expect(beijingTime(new Date("2026-12-07T16:30:05Z"))).toBe("2026-12-08 00:30:05");
  });
});

describe("checkouts", () => {
  it("precreates a QR trade with the amount in yuan, the expiry and the org's notify URL", async () => {
    const request = checkout();
    const result = await alipay.createCheckout(request);
    expect(result).toEqual({ url: request.successUrl, sessionId: request.orderId, qrCode: expect.stringMatching(/^https:\/\/qr\.alipay\.com\//) });
    expect(fake.trade(appId, request.orderId)).toMatchObject({ status: "WAIT_BUYER_PAY", totalFen: 1250, notifyUrl: request.notifyUrl });
    const sent = fake.requests.find((r) => r.method === "alipay.trade.precreate" && r.bizContent.out_trade_no === request.orderId)!;
    expect(sent.bizContent).toMatchObject({ total_amount: "12.50", subject: "Cola 0.33 l (slot A1)", time_expire: "2026-12-07 20:30:00" });
  });

  it("signs a phone (wap) payment link that Alipay's cashier accepts", async () => {
    const request = checkout({ channel: "mobile_web", amountMinor: 250 });
    const result = await alipay.createCheckout(request);
    expect(result.qrCode).toBeUndefined();
    expect(result.sessionId).toBe(request.orderId);
    const link = new URL(result.url);
    expect(`${link.origin}${link.pathname}`).toBe(fake.gatewayUrl);
    expect(link.searchParams.get("method")).toBe("alipay.trade.wap.pay");
    expect(link.searchParams.get("notify_url")).toBe(request.notifyUrl);
    expect(link.searchParams.get("return_url")).toBe(request.successUrl);
    expect(JSON.parse(link.searchParams.get("biz_content")!)).toMatchObject({ out_trade_no: request.orderId, total_amount: "2.50", product_code: "QUICK_WAP_WAY", quit_url: request.cancelUrl });
    const page = await fetch(result.url);
    expect(page.status).toBe(200);
    expect(fake.trade(appId, request.orderId)).toMatchObject({ status: "WAIT_BUYER_PAY", totalFen: 250 });
    // Tampered with, the link no longer verifies at Alipay.
    link.searchParams.set("biz_content", JSON.stringify({ ...JSON.parse(link.searchParams.get("biz_content")!), total_amount: "0.01" }));
    expect((await fetch(link)).status).toBe(400);
  });

  it("refuses currencies other than yuan", async () => {
    await expect(alipay.createCheckout(checkout({ currency: "EUR" }))).rejects.toMatchObject({ retryable: false, code: "currency_not_supported" });
  });
});

describe("payments, refunds and closing", () => {
  it("answers a payment's state: unpaid before the buyer pays or opens the page, paid after, closed once closed", async () => {
    expect(await alipay.queryPayment("ord_never_opened")).toEqual({ state: "unpaid" });
    const open = checkout();
    await alipay.createCheckout(open);
    expect(await alipay.queryPayment(open.orderId)).toEqual({ state: "unpaid" });
    await alipay.closeCheckout(open.orderId);
    expect(await alipay.queryPayment(open.orderId)).toEqual({ state: "closed" });
    await alipay.closeCheckout("ord_never_opened");
    const { orderId, tradeNo } = await paidTrade();
    expect(await alipay.queryPayment(orderId)).toEqual({ state: "paid", paymentReference: tradeNo, method: "alipay" });
    await expect(alipay.closeCheckout(orderId)).rejects.toMatchObject({ retryable: false, code: "ACQ.TRADE_STATUS_ERROR" });
  });

  it("refunds once per refund id, however often it is asked", async () => {
    const { orderId, tradeNo } = await paidTrade(990);
    const request = { refundId: `rfd_${orderId}`, paymentReference: tradeNo, amountMinor: 990, currency: "CNY", orderId };
    expect(await alipay.refund(request)).toEqual({ providerRefundId: request.refundId, status: "succeeded" });
    // The repeat moves no money (fund_change "N"); the refund query says it succeeded.
    expect(await alipay.refund(request)).toEqual({ providerRefundId: request.refundId, status: "succeeded" });
    expect(fake.trade(appId, orderId)!.refunds).toEqual(new Map([[request.refundId, 990]]));
    expect(await alipay.queryRefund(request.refundId, { orderId })).toEqual({ state: "succeeded", providerRefundId: request.refundId });
    expect(await alipay.queryRefund("rfd_unknown", { paymentReference: tradeNo })).toEqual({ state: "pending", providerRefundId: "rfd_unknown" });
    await expect(alipay.queryRefund(request.refundId)).rejects.toMatchObject({ retryable: false, code: "trade_required" });
    // Fully refunded, the trade is closed: another refund is refused for good.
    await expect(alipay.refund({ ...request, refundId: "rfd_other" })).rejects.toMatchObject({ retryable: false, code: "ACQ.TRADE_HAS_CLOSE" });
  });
});

describe("failures, retryable or not", () => {
  it("marks Alipay's own failures, HTTP 5xx and timeouts retryable; its refusals not", async () => {
    const { orderId, tradeNo } = await paidTrade();
    const refund = { refundId: `rfd_${orderId}`, paymentReference: tradeNo, amountMinor: 1250, currency: "CNY", orderId };
    const cases = [
      [{ kind: "status", status: 502 }, { retryable: true, code: "http_502" }],
      [{ kind: "timeout", ms: 2500 }, { retryable: true, code: "network" }],
      [{ kind: "refusal", subCode: "ACQ.SYSTEM_ERROR" }, { retryable: true, code: "ACQ.SYSTEM_ERROR" }],
      [{ kind: "refusal", subCode: "aop.ACQ.SYSTEM_ERROR" }, { retryable: true, code: "aop.ACQ.SYSTEM_ERROR" }],
      [{ kind: "refusal", subCode: "isp.unknow-error" }, { retryable: true, code: "isp.unknow-error" }],
      [{ kind: "refusal", subCode: "ACQ.SELLER_BALANCE_NOT_ENOUGH" }, { retryable: true, code: "ACQ.SELLER_BALANCE_NOT_ENOUGH" }],
      [{ kind: "refusal", subCode: "ACQ.TRADE_NOT_ALLOW_REFUND" }, { retryable: false, code: "ACQ.TRADE_NOT_ALLOW_REFUND" }],
    ] as const;
    for (const [failure, expected] of cases) {
      fake.failNext(1, { ...failure, method: "alipay.trade.refund" });
      await expect(alipay.refund(refund)).rejects.toMatchObject({ name: "ProviderError", ...expected });
    }
    expect(fake.trade(appId, orderId)!.refunds.size).toBe(0);
    expect(await alipay.refund(refund)).toMatchObject({ status: "succeeded" });
  });

  it("refuses an answer signed by another key than the configured Alipay public key, and a refused app", async () => {
    const impostor = new AlipayProvider({ appId, appPrivateKey: app.privateKey, alipayPublicKey: rsaKeys().publicKey }, { gatewayUrl: fake.gatewayUrl });
    await expect(impostor.queryPayment("ord_x")).rejects.toMatchObject({ retryable: false, code: "response_signature_invalid" });
    const stranger = new AlipayProvider({ appId: "2021000000000999", appPrivateKey: app.privateKey, alipayPublicKey: fake.keys.publicKey }, { gatewayUrl: fake.gatewayUrl });
    await expect(stranger.queryPayment("ord_x")).rejects.toMatchObject({ retryable: false, code: "isv.invalid-app-id" });
  });

  it("takes the app private key as PEM or as the bare base64 of PKCS#1 or PKCS#8", async () => {
    const key = createPrivateKey(app.privateKey);
    for (const type of ["pkcs1", "pkcs8"] as const) {
      const bare = key.export({ format: "der", type }).toString("base64");
      const provider = new AlipayProvider({ appId, appPrivateKey: bare, alipayPublicKey: fake.keys.publicKey }, { gatewayUrl: fake.gatewayUrl });
      expect(await provider.queryPayment("ord_key_check")).toEqual({ state: "unpaid" });
    }
    expect(() => new AlipayProvider({ appId, appPrivateKey: "not a key", alipayPublicKey: fake.keys.publicKey })).toThrow(expect.objectContaining({ code: "invalid_config" }));
  });
});

describe("notifications", () => {
  it("verifies the signature and the app, and names the trade", async () => {
    const request = checkout();
    await alipay.createCheckout(request);
    const note = fake.pay(appId, request.orderId);
    const event = alipay.verifyWebhook({ rawBody: note.body, signature: null, secret: "" });
    expect(event).toMatchObject({ id: note.fields.notify_id, type: "trade_status_sync", object: { id: request.orderId, object: "trade", trade_status: "TRADE_SUCCESS" } });
    const forged = signNotification(note.fields, rsaKeys().privateKey);
    expect(() => alipay.verifyWebhook({ rawBody: forged, signature: null, secret: "" })).toThrow(expect.objectContaining({ code: "invalid_signature" }));
    const tampered = note.body.replace("total_amount=12.50", "total_amount=0.01");
    expect(() => alipay.verifyWebhook({ rawBody: tampered, signature: null, secret: "" })).toThrow(expect.objectContaining({ code: "invalid_signature" }));
    const otherApp = signNotification({ ...note.fields, app_id: "2021000000000999" }, fake.keys.privateKey);
    expect(() => alipay.verifyWebhook({ rawBody: otherApp, signature: null, secret: "" })).toThrow(expect.objectContaining({ code: "wrong_app" }));
  });
});
