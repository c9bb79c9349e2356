import "server-only";
import { createPrivateKey } from "node:crypto";
import { AlipaySdk } from "alipay-sdk";
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
import type { AlipayConfig } from "../provider-configs";
import { refusal, transportFailure, type GatewayAnswer } from "./errors";
import { beijingTime, fenOf, yuanOf } from "./money";

/** Alipay's production gateway (OpenAPI 2.0). */
export const ALIPAY_GATEWAY = "https://openapi.alipay.com/gateway.do";

export interface AlipayOptions {
  /** Another gateway, e.g. the sandbox or a local fake: http://127.0.0.1:4000/gateway.do */
  gatewayUrl?: string;
  timeoutMs?: number;
}

/** A trade as Alipay holds it now, by our order id (its out_trade_no). */
export interface AlipayTrade {
  /** WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_FINISHED, TRADE_CLOSED; NOT_EXIST before the buyer opened the payment page. */
  tradeStatus: string;
  tradeNo: string | null;
  /** The trade's amount in fen. */
  totalMinor: number | null;
}

/** The trade a refund belongs to: Alipay looks refunds up by out_request_no within one trade. */
export interface RefundTrade {
  orderId?: string | null;
  paymentReference?: string | null;
}

const PAID = new Set(["TRADE_SUCCESS", "TRADE_FINISHED"]);

/**
 * An org's own Alipay app: phone checkouts (alipay.trade.wap.pay), QR checkouts
 * (alipay.trade.precreate), trade and refund queries, refunds and closing trades, through the
 * alipay-sdk with RSA2 keys. Every answer's signature is verified with the Alipay public key.
 * Alipay trades in yuan (CNY) only.
 */
export class AlipayProvider implements PaymentProvider {
  readonly name = "alipay" as const;
  readonly appId: string;
  private readonly sdk: AlipaySdk;

  constructor(config: AlipayConfig, options: AlipayOptions = {}) {
    this.appId = config.appId;
    try {
      this.sdk = new AlipaySdk({
        appId: config.appId,
        privateKey: pkcs8Pem(config.appPrivateKey),
        keyType: "PKCS8",
        alipayPublicKey: config.alipayPublicKey,
        signType: "RSA2",
        gateway: options.gatewayUrl ?? ALIPAY_GATEWAY,
        timeout: options.timeoutMs ?? 10_000,
        camelcase: false,
      });
    } catch (error) {
      throw new ProviderError(`Alipay: the app's settings are not usable (${error instanceof Error ? error.message : String(error)})`, false, "invalid_config");
    }
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    assertYuan(request.currency);
    const trade = {
      out_trade_no: request.orderId,
      total_amount: yuanOf(request.amountMinor),
      // Alipay's limit is 256 characters.
      subject: request.description.slice(0, 256),
      time_expire: beijingTime(request.expiresAt),
    };
    const notify: Record<string, string> = request.notifyUrl ? { notifyUrl: request.notifyUrl } : {};
    if (request.channel === "mobile_web") {
      // A signed link to Alipay's phone cashier: nothing is sent until the consumer opens it.
      const url = this.sdk.pageExecute("alipay.trade.wap.pay", "GET", {
        bizContent: { ...trade, product_code: "QUICK_WAP_WAY", quit_url: request.cancelUrl },
        returnUrl: request.successUrl,
        ...notify,
      });
      return { url, sessionId: request.orderId };
    }
    const answer = await this.call("alipay.trade.precreate", trade, notify);
    const qrCode = typeof answer.qr_code === "string" ? answer.qr_code : null;
    if (!qrCode) throw new ProviderError("Alipay alipay.trade.precreate: the answer has no qr_code", true, "no_qr_code");
    return { url: request.successUrl, sessionId: request.orderId, qrCode };
  }

  /** The trade's current state; NOT_EXIST when the buyer has not opened the payment page yet. */
  async queryTrade(orderId: string): Promise<AlipayTrade> {
    const answer = await this.call("alipay.trade.query", { out_trade_no: orderId }, {}, ["ACQ.TRADE_NOT_EXIST"]);
    if (answer.code !== "10000") return { tradeStatus: "NOT_EXIST", tradeNo: null, totalMinor: null };
    return { tradeStatus: String(answer.trade_status), tradeNo: stringOrNull(answer.trade_no), totalMinor: fenOf(stringOrNull(answer.total_amount)) };
  }

  async queryPayment(orderId: string): Promise<PaymentStatus> {
    const trade = await this.queryTrade(orderId);
    if (PAID.has(trade.tradeStatus) && trade.tradeNo) return { state: "paid", paymentReference: trade.tradeNo, method: "alipay" };
    // A trade fully refunded is closed too: either way it can no longer be paid.
    if (trade.tradeStatus === "TRADE_CLOSED") return { state: "closed" };
    return { state: "unpaid" };
  }

  /**
   * Refunds with our refund id as out_request_no: Alipay refunds a trade once per request number,
   * so a repeat answers with the refund already made (fund_change "N") and never pays out twice.
   */
  async refund(request: RefundRequest): Promise<RefundResult> {
    assertYuan(request.currency);
    const answer = await this.call("alipay.trade.refund", {
      trade_no: request.paymentReference,
      out_request_no: request.refundId,
      refund_amount: yuanOf(request.amountMinor),
    });
    if (answer.fund_change === "Y") return { providerRefundId: request.refundId, status: "succeeded" };
    // "N": a repeat of a refund already made, or one Alipay is still settling; the query says which.
    const status = await this.queryRefund(request.refundId, { paymentReference: request.paymentReference, orderId: request.orderId });
    return { providerRefundId: request.refundId, status: status.state === "succeeded" ? "succeeded" : "pending" };
  }

  /**
   * The refund's current state. Alipay finds a refund by out_request_no within its trade, so the
   * trade (our order id or Alipay's trade_no) must be given; without it this throws.
   */
  async queryRefund(refundId: string, trade: RefundTrade = {}): Promise<RefundStatus> {
    const target = trade.paymentReference ? { trade_no: trade.paymentReference } : trade.orderId ? { out_trade_no: trade.orderId } : null;
    if (!target) throw new ProviderError("Alipay finds a refund within its trade: give the order id or the trade number", false, "trade_required");
    const answer = await this.call("alipay.trade.fastpay.refund.query", { ...target, out_request_no: refundId });
    // Alipay leaves refund_status out while it has no successful refund of that number.
    return { state: answer.refund_status === "REFUND_SUCCESS" ? "succeeded" : "pending", providerRefundId: refundId };
  }

  /** Closes an unpaid trade; a trade the buyer never opened has nothing to close. */
  async closeCheckout(orderId: string): Promise<void> {
    await this.call("alipay.trade.close", { out_trade_no: orderId }, {}, ["ACQ.TRADE_NOT_EXIST"]);
  }

  /**
   * Verifies an asynchronous notification (a form-urlencoded body) with the Alipay public key and
   * checks it is for this app. Its id is notify_id; its object is the trade (out_trade_no).
   */
  verifyWebhook(delivery: WebhookDelivery): ProviderEvent {
    const fields = Object.fromEntries(new URLSearchParams(delivery.rawBody));
    if (!fields.sign || !this.sdk.checkNotifySignV2(fields)) {
      throw new ProviderError("Alipay notification: the signature does not verify with the configured Alipay public key", false, "invalid_signature");
    }
    if (fields.app_id !== this.appId) throw new ProviderError("Alipay notification: it is for another app", false, "wrong_app");
    if (!fields.notify_id || !fields.out_trade_no) throw new ProviderError("Alipay notification: notify_id or out_trade_no is missing", false, "malformed");
    return { id: fields.notify_id, type: fields.notify_type ?? "trade_status_sync", object: { ...fields, id: fields.out_trade_no, object: "trade" } };
  }

  /** Calls a gateway method; a refusal throws unless its sub_code is one the caller handles. */
  private async call(method: string, bizContent: Record<string, unknown>, extra: Record<string, string> = {}, accepted: string[] = []): Promise<GatewayAnswer> {
    let answer: GatewayAnswer;
    try {
      answer = (await this.sdk.exec(method, { bizContent, ...extra }, { validateSign: true })) as GatewayAnswer;
    } catch (error) {
      throw transportFailure(method, error);
    }
    if (answer.code !== "10000" && !accepted.includes(answer.sub_code ?? "")) throw refusal(method, answer);
    return answer;
  }
}

function assertYuan(currency: string) {
  if (currency.toUpperCase() !== "CNY") throw new ProviderError(`Alipay takes payments in CNY, not ${currency}`, false, "currency_not_supported");
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * The app private key as PKCS#8 PEM, whichever form it was pasted in: PEM (PKCS#1 or PKCS#8) or
 * the bare base64 that Alipay's key tool prints (PKCS#8 for Java, PKCS#1 for other languages).
 */
function pkcs8Pem(key: string): string {
  const trimmed = key.trim();
  if (trimmed.startsWith("-----")) return createPrivateKey(trimmed).export({ format: "pem", type: "pkcs8" }).toString();
  const der = Buffer.from(trimmed.replace(/\s+/g, ""), "base64");
  for (const type of ["pkcs8", "pkcs1"] as const) {
    try {
      return createPrivateKey({ key: der, format: "der", type }).export({ format: "pem", type: "pkcs8" }).toString();
    } catch {
      // not this encoding; try the next
    }
  }
  throw new Error("the app private key is neither PKCS#8 nor PKCS#1 RSA");
}
