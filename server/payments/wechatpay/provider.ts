import "server-only";
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { isAxiosError } from "axios";
import { Wechatpay } from "wechatpay-axios-plugin";
import {
  ProviderError,
  type Checkout,
  type CheckoutRequest,
  type PaymentProvider,
  type PaymentStatus,
  type ProviderEvent,
  type RefundRequest,
  type RefundResult,
  type RefundStatus,
  type WebhookDelivery,
} from "../payment-provider";
import type { WechatPayConfig } from "../provider-configs";
import { verifyWechatPayNotification } from "./notification";

// WeChat Pay API v3 for an org's own merchant account, through wechatpay-axios-plugin: it signs
// each request with the merchant key (Authorization: WECHATPAY2-SHA256-RSA2048) and verifies each
// response's Wechatpay-Signature with the platform public key. Our order id is out_trade_no and our
// refund id out_refund_no, so a repeated call never pays or refunds twice.

export const WECHATPAY_API_URL = "https://api.mch.weixin.qq.com/";

export interface WechatPayOptions {
  /** Another API base, e.g. a local fake for tests. */
  apiUrl?: string;
  timeoutMs?: number;
  /** Where WeChat Pay sends notifications of refunds when the request names none. */
  refundNotifyUrl?: string;
}

/** WeChat Pay error codes that may succeed when tried again later. */
const RETRYABLE_CODES = new Set(["SYSTEM_ERROR", "FREQUENCY_LIMITED", "NOT_ENOUGH", "BANKERROR", "SYSTEMERROR"]);

/** Whether trying the same call again later may succeed: network failures, timeouts, 5xx and WeChat's own "try again" codes. */
export function classifyWechatPayError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (isAxiosError(error)) {
    const status = error.response?.status;
    const data = error.response?.data as { code?: string; message?: string } | undefined;
    const code = typeof data?.code === "string" ? data.code : error.code;
    if (!error.response) return new ProviderError(`WeChat Pay did not answer: ${error.message}`, true, error.code ?? "network");
    const retryable = (status ?? 0) >= 500 || status === 429 || (code !== undefined && RETRYABLE_CODES.has(code));
    return new ProviderError(`WeChat Pay: ${data?.message ?? error.message} (${status}${code ? ` ${code}` : ""})`, retryable, code);
  }
  return new ProviderError(`WeChat Pay: ${error instanceof Error ? error.message : String(error)}`, true);
}

/** WeChat Pay's time format: RFC 3339 with an offset, no milliseconds. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** The checkout session id a WeChat Pay order records (there is no session: the order id is out_trade_no). */
export function checkoutSessionOf(orderId: string): string {
  return `wxp_${orderId}`;
}

type TradeState = "SUCCESS" | "REFUND" | "NOTPAY" | "CLOSED" | "REVOKED" | "USERPAYING" | "PAYERROR";

export class WechatPayProvider implements PaymentProvider {
  readonly name = "wechatpay" as const;
  private readonly client: Wechatpay;
  private readonly platformKey: KeyObject;
  private readonly refundNotifyUrl: string | undefined;

  constructor(
    private readonly config: WechatPayConfig,
    options: WechatPayOptions = {},
  ) {
    this.refundNotifyUrl = options.refundNotifyUrl;
    this.platformKey = createPublicKey(config.platformPublicKey);
    this.client = new Wechatpay({
      mchid: config.mchid,
      serial: config.merchantSerialNo,
      privateKey: createPrivateKey(config.merchantPrivateKey).export({ format: "pem", type: "pkcs8" }),
      certs: { [config.platformSerialNo]: this.platformKey },
      baseURL: options.apiUrl ?? WECHATPAY_API_URL,
      timeout: options.timeoutMs ?? 20_000,
    });
  }

  private async call<T>(path: string, method: "get" | "post", data?: unknown, params?: Record<string, string>): Promise<T> {
    try {
      const resource = this.client.chain(path);
      const response = method === "get" ? await resource.get({ params }) : await resource.post(data);
      return (response.data ?? {}) as T;
    } catch (error) {
      throw classifyWechatPayError(error);
    }
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    if (request.currency !== "CNY") throw new ProviderError(`WeChat Pay takes CNY only, not ${request.currency}`, false, "currency");
    if (!request.notifyUrl) throw new ProviderError("WeChat Pay needs a notification URL", false, "notify_url");
    const body = {
      appid: this.config.appid,
      mchid: this.config.mchid,
      description: request.description.slice(0, 127),
      out_trade_no: request.orderId,
      time_expire: rfc3339(request.expiresAt),
      notify_url: request.notifyUrl,
      amount: { total: request.amountMinor, currency: "CNY" },
    };
    if (request.channel === "mobile_web") {
      if (!request.clientIp) throw new ProviderError("WeChat Pay H5 needs the payer's IP address", false, "payer_client_ip");
      const { h5_url } = await this.call<{ h5_url?: string }>("v3/pay/transactions/h5", "post", {
        ...body,
        scene_info: { payer_client_ip: request.clientIp, h5_info: { type: "Wap" } },
      });
      if (!h5_url) throw new ProviderError("WeChat Pay answered without an h5_url", true, "no_h5_url");
      // After paying, WeChat sends the consumer back to the order page.
      const url = `${h5_url}${h5_url.includes("?") ? "&" : "?"}redirect_url=${encodeURIComponent(request.successUrl)}`;
      return { url, sessionId: checkoutSessionOf(request.orderId) };
    }
    const { code_url } = await this.call<{ code_url?: string }>("v3/pay/transactions/native", "post", body);
    if (!code_url) throw new ProviderError("WeChat Pay answered without a code_url", true, "no_code_url");
    return { url: request.successUrl, sessionId: checkoutSessionOf(request.orderId), qrCode: code_url };
  }

  async queryPayment(orderId: string): Promise<PaymentStatus> {
    try {
      const trade = await this.call<{ trade_state: TradeState; transaction_id?: string }>(
        `v3/pay/transactions/out-trade-no/${encodeURIComponent(orderId)}`,
        "get",
        undefined,
        { mchid: this.config.mchid },
      );
      if (trade.trade_state === "SUCCESS") return { state: "paid", paymentReference: trade.transaction_id, method: "wechat_pay" };
      // Paid, then refunded since: nothing is vended for it any more.
      if (trade.trade_state === "REFUND") return { state: "closed", paymentReference: trade.transaction_id, method: "wechat_pay" };
      if (trade.trade_state === "CLOSED" || trade.trade_state === "REVOKED" || trade.trade_state === "PAYERROR") return { state: "closed" };
      return { state: "unpaid" };
    } catch (error) {
      if (error instanceof ProviderError && error.code === "ORDER_NOT_EXIST") return { state: "unpaid" };
      throw error;
    }
  }

  async closeCheckout(orderId: string): Promise<void> {
    await this.call(`v3/pay/transactions/out-trade-no/${encodeURIComponent(orderId)}/close`, "post", { mchid: this.config.mchid });
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    if (request.currency !== "CNY") throw new ProviderError(`WeChat Pay refunds CNY only, not ${request.currency}`, false, "currency");
    const refund = await this.call<{ refund_id: string; status: string }>("v3/refund/domestic/refunds", "post", {
      ...(request.paymentReference ? { transaction_id: request.paymentReference } : { out_trade_no: request.orderId }),
      out_refund_no: request.refundId,
      ...((request.notifyUrl ?? this.refundNotifyUrl) ? { notify_url: request.notifyUrl ?? this.refundNotifyUrl } : {}),
      amount: { refund: request.amountMinor, total: request.paymentAmountMinor ?? request.amountMinor, currency: "CNY" },
    });
    if (refund.status === "CLOSED" || refund.status === "ABNORMAL") {
      throw new ProviderError(`WeChat Pay refund ${refund.refund_id} ${refund.status}`, false, refund.status);
    }
    return { providerRefundId: refund.refund_id, status: refund.status === "SUCCESS" ? "succeeded" : "pending" };
  }

  async queryRefund(refundId: string): Promise<RefundStatus> {
    const refund = await this.call<{ refund_id: string; status: string }>(`v3/refund/domestic/refunds/${encodeURIComponent(refundId)}`, "get");
    const state = refund.status === "SUCCESS" ? "succeeded" : refund.status === "PROCESSING" ? "pending" : "failed";
    return { state, providerRefundId: refund.refund_id };
  }

  /** Verifies a notification's signature and freshness, then decrypts its resource. Throws ProviderError. */
  verifyWebhook(delivery: WebhookDelivery): ProviderEvent {
    return verifyWechatPayNotification({
      rawBody: delivery.rawBody,
      headers: delivery.headers ?? {},
      signature: delivery.signature,
      platformKey: this.platformKey,
      platformSerialNo: this.config.platformSerialNo,
      apiV3Key: this.config.apiV3Key,
      nowSeconds: delivery.nowSeconds,
    });
  }
}
