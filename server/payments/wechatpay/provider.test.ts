import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rsaKeys } from "~/test/fake-alipay";
import { FakeWechatPay } from "~/test/fake-wechatpay";
import { ProviderError, type CheckoutRequest } from "../payment-provider";
import { WechatPayProvider } from "./provider";

let fake: FakeWechatPay;
let wechat: WechatPayProvider;
let counter = 0;

beforeAll(async () => {
  fake = await new FakeWechatPay().start();
  const merchant = fake.registerMerchant();
  wechat = new WechatPayProvider(
    {
      mchid: merchant.mchid,
      appid: "wx8888888888888888",
      merchantSerialNo: merchant.serialNo,
      merchantPrivateKey: merchant.privateKey,
      apiV3Key: merchant.apiV3Key,
      platformSerialNo: fake.platformSerialNo,
      platformPublicKey: fake.platform.publicKey,
    },
    { apiUrl: fake.url, timeoutMs: 300 },
  );
});
afterAll(async () => {
  await fake.stop();
});

function checkout(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    orderId: `ord_wx_${++counter}_${Date.now()}`,
    amountMinor: 1250,
    currency: "CNY",
    description: "Cola 0.33 l (slot A1)",
    successUrl: "https://vendops.example/order/x",
    cancelUrl: "https://vendops.example/m/mch_1?canceled=x",
    methods: ["wechat_pay"],
    expiresAt: new Date(Date.now() + 30 * 60_000),
    channel: "qr",
    notifyUrl: "https://vendops.example/api/webhooks/wechatpay/org_1",
    ...overrides,
  };
}

async function failure(call: Promise<unknown>): Promise<ProviderError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("the WeChat Pay provider", () => {
  it("signs every request, sends amounts in fen with the order id as out_trade_no, and reads the payment's state", async () => {
    const request = checkout();
    const opened = await wechat.createCheckout(request);
    expect(opened).toMatchObject({ url: request.successUrl, qrCode: expect.stringMatching(/^weixin:\/\//) });
    expect(fake.requests.at(-1)).toMatchObject({ path: "/v3/pay/transactions/native", signed: true, body: { out_trade_no: request.orderId, amount: { total: 1250, currency: "CNY" } } });
    expect(await wechat.queryPayment(request.orderId)).toEqual({ state: "unpaid" });
    fake.pay(request.orderId);
    expect(await wechat.queryPayment(request.orderId)).toEqual({ state: "paid", paymentReference: fake.transactions.get(request.orderId)!.transaction_id, method: "wechat_pay" });
    expect(await wechat.queryPayment("ord_never_placed")).toEqual({ state: "unpaid" });
  });

  it("closes an unpaid checkout, which then reads as closed", async () => {
    const request = checkout();
    await wechat.createCheckout(request);
    await wechat.closeCheckout(request.orderId);
    expect(await wechat.queryPayment(request.orderId)).toEqual({ state: "closed" });
  });

  it("refunds once per out_refund_no and reads the refund's state", async () => {
    const request = checkout();
    await wechat.createCheckout(request);
    fake.pay(request.orderId);
    const reference = fake.transactions.get(request.orderId)!.transaction_id!;
    const refund = { refundId: `rfd_wx_${counter}`, paymentReference: reference, amountMinor: 1250, currency: "CNY", orderId: request.orderId };
    const first = await wechat.refund(refund);
    const again = await wechat.refund(refund);
    expect(again).toEqual(first);
    expect(first.status).toBe("pending");
    expect([...fake.refunds.values()].filter((r) => r.transaction_id === reference)).toHaveLength(1);
    expect(await wechat.queryRefund(refund.refundId)).toEqual({ state: "pending", providerRefundId: first.providerRefundId });
    fake.settleRefund(refund.refundId, "SUCCESS");
    expect(await wechat.queryRefund(refund.refundId)).toEqual({ state: "succeeded", providerRefundId: first.providerRefundId });
  });

  it("calls timeouts, 5xx, SYSTEM_ERROR and FREQUENCY_LIMITED retryable, and a refused request not", async () => {
    const cases: [Parameters<FakeWechatPay["failNext"]>[1], boolean, string | undefined][] = [
      [{ kind: "timeout", ms: 1000 }, true, undefined],
      [{ kind: "status", status: 503 }, true, "SYSTEM_ERROR"],
      [{ kind: "code", status: 500, code: "SYSTEM_ERROR" }, true, "SYSTEM_ERROR"],
      [{ kind: "code", status: 429, code: "FREQUENCY_LIMITED" }, true, "FREQUENCY_LIMITED"],
      [{ kind: "code", status: 400, code: "PARAM_ERROR" }, false, "PARAM_ERROR"],
      [{ kind: "code", status: 403, code: "NO_AUTH" }, false, "NO_AUTH"],
    ];
    for (const [injected, retryable, code] of cases) {
      fake.failNext(1, injected);
      const error = await failure(wechat.createCheckout(checkout()));
      expect({ retryable: error.retryable, code: code === undefined ? undefined : error.code }).toEqual({ retryable, code });
    }
  });

  it("refuses an answer not signed by WeChat Pay's platform key, and what WeChat Pay cannot take", async () => {
    fake.forgeAnswersWith = rsaKeys().privateKey;
    try {
      expect((await failure(wechat.createCheckout(checkout()))).retryable).toBe(false);
    } finally {
      fake.forgeAnswersWith = null;
    }
    expect(await failure(wechat.createCheckout(checkout({ currency: "EUR" })))).toMatchObject({ retryable: false, code: "currency" });
    expect(await failure(wechat.createCheckout(checkout({ channel: "mobile_web" })))).toMatchObject({ retryable: false, code: "payer_client_ip" });
  });
});
