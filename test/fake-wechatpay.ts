import { createCipheriv, createSign, createVerify, randomBytes, randomInt } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { rsaKeys } from "./fake-alipay";
import { LocalServer } from "./local-server";

// A local fake of the parts of WeChat Pay API v3 that VendOps uses, for tests: it checks each
// request's merchant signature (Authorization: WECHATPAY2-SHA256-RSA2048), signs each answer with
// its platform key, keeps out_trade_no and out_refund_no unique as WeChat Pay does, can be told to
// fail, and makes the notifications WeChat Pay would send (signed, resource encrypted).

type Json = Record<string, unknown>;
export type WechatFailure =
  | { kind: "status"; status: 500 | 502 | 503 | 429 }
  | { kind: "timeout"; ms: number }
  /** An answer with WeChat Pay's error code, to requests whose path starts with `path` (default any). */
  | { kind: "code"; status: number; code: string; path?: string };

interface Merchant {
  mchid: string;
  serialNo: string;
  publicKey: string;
  apiV3Key: string;
}

interface Transaction {
  mchid: string;
  appid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: "NOTPAY" | "SUCCESS" | "REFUND" | "CLOSED";
  amount: { total: number; currency: string; refunded: number };
  notify_url: string;
  kind: "native" | "h5";
  payer_client_ip?: string;
}

interface RefundRecord {
  mchid: string;
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id: string;
  status: "PROCESSING" | "SUCCESS" | "ABNORMAL" | "CLOSED";
  amount: { refund: number; total: number; currency: string };
}

export interface WechatNotification {
  rawBody: string;
  signature: string;
  headers: Record<string, string>;
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join("");
const nowSeconds = () => Math.floor(Date.now() / 1000);

export class FakeWechatPay extends LocalServer {
  protected override urlPath = "/";
  /** The platform key pair: the fake signs answers and notifications with it; orgs save its public key. */
  readonly platform = rsaKeys();
  readonly platformSerialNo = `PUB_KEY_ID_${digits(20)}`;
  readonly transactions = new Map<string, Transaction>();
  readonly refunds = new Map<string, RefundRecord>();
  /** Every request, in order, and whether its merchant signature verified. */
  readonly requests: { method: string; path: string; body: Json | null; signed: boolean }[] = [];
  /** What a refund is when it is accepted; settleRefund changes it later. */
  refundStatusOnCreate: RefundRecord["status"] = "PROCESSING";
  /** Signs answers with another key when set: an answer that is not WeChat Pay's. */
  forgeAnswersWith: string | null = null;
  private readonly merchants = new Map<string, Merchant>();
  private failures: WechatFailure[] = [];

  /** A merchant whose requests the fake accepts: its id, certificate serial and key pair, and API v3 key. */
  registerMerchant(): Merchant & { privateKey: string } {
    const keys = rsaKeys();
    const merchant = { mchid: digits(10), serialNo: randomBytes(20).toString("hex").toUpperCase(), publicKey: keys.publicKey, apiV3Key: randomBytes(16).toString("hex") };
    this.merchants.set(merchant.mchid, merchant);
    return { ...merchant, privateKey: keys.privateKey };
  }

  /** The next `count` requests fail this way (a `code` failure waits for a request to its path). */
  failNext(count: number, failure: WechatFailure): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  /** Refunds WeChat Pay actually created (a repeat with the same out_refund_no creates none). */
  refundCreations(): number {
    return this.refunds.size;
  }

  /** The consumer pays: the transaction succeeds, and the notification WeChat Pay would send. */
  pay(outTradeNo: string): WechatNotification {
    const trade = this.transactions.get(outTradeNo);
    if (!trade) throw new Error(`no transaction ${outTradeNo}`);
    trade.trade_state = "SUCCESS";
    trade.transaction_id ??= `4200${digits(24)}`;
    return this.notification(trade.mchid, "TRANSACTION.SUCCESS", "transaction", this.transactionView(trade));
  }

  /** A refund reaches its end, and the notification WeChat Pay would send. */
  settleRefund(outRefundNo: string, status: "SUCCESS" | "ABNORMAL" | "CLOSED" = "SUCCESS"): WechatNotification {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new Error(`no refund ${outRefundNo}`);
    refund.status = status;
    return this.notification(refund.mchid, `REFUND.${status}`, "refund", { ...refund, refund_status: status });
  }

  /**
   * A notification as WeChat Pay sends it: `resource` encrypted with the merchant's API v3 key, the
   * body signed with the platform key. `timestamp` and `signWith` forge stale or foreign ones.
   */
  notification(mchid: string, eventType: string, summary: string, resource: Json, options: { timestamp?: number; signWith?: string; apiV3Key?: string } = {}): WechatNotification {
    const merchant = this.merchants.get(mchid)!;
    const nonce = randomBytes(6).toString("hex");
    const associatedData = summary;
    const cipher = createCipheriv("aes-256-gcm", Buffer.from(options.apiV3Key ?? merchant.apiV3Key, "utf8"), Buffer.from(nonce, "utf8"));
    cipher.setAAD(Buffer.from(associatedData, "utf8"));
    const sealed = Buffer.concat([cipher.update(JSON.stringify({ mchid, ...resource }), "utf8"), cipher.final(), cipher.getAuthTag()]);
    const rawBody = JSON.stringify({
      id: randomBytes(18).toString("hex"),
      create_time: new Date().toISOString(),
      event_type: eventType,
      resource_type: "encrypt-resource",
      summary,
      resource: { original_type: summary, algorithm: "AEAD_AES_256_GCM", ciphertext: sealed.toString("base64"), associated_data: associatedData, nonce },
    });
    return this.signed(rawBody, options);
  }

  /** Signs a body as WeChat Pay does: Wechatpay-Signature over "timestamp\nnonce\nbody\n". */
  signed(rawBody: string, options: { timestamp?: number; signWith?: string } = {}): WechatNotification {
    const timestamp = String(options.timestamp ?? nowSeconds());
    const nonce = randomBytes(16).toString("hex");
    const signature = createSign("RSA-SHA256").update(`${timestamp}\n${nonce}\n${rawBody}\n`).sign(options.signWith ?? this.platform.privateKey, "base64");
    return {
      rawBody,
      signature,
      headers: { "wechatpay-timestamp": timestamp, "wechatpay-nonce": nonce, "wechatpay-serial": this.platformSerialNo, "wechatpay-signature-type": "WECHATPAY2-SHA256-RSA2048" },
    };
  }

  private transactionView(trade: Transaction): Json {
    return {
      appid: trade.appid,
      mchid: trade.mchid,
      out_trade_no: trade.out_trade_no,
      transaction_id: trade.transaction_id,
      trade_type: trade.kind === "native" ? "NATIVE" : "MWEB",
      trade_state: trade.trade_state,
      amount: { total: trade.amount.total, currency: trade.amount.currency, payer_total: trade.amount.total, payer_currency: "CNY" },
    };
  }

  /** The merchant whose valid signature the request carries, or null. */
  private verifyMerchant(req: IncomingMessage, path: string, raw: string): Merchant | null {
    const header = req.headers.authorization ?? "";
    if (!header.startsWith("WECHATPAY2-SHA256-RSA2048 ")) return null;
    const fields = Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const merchant = this.merchants.get(fields.mchid ?? "");
    if (!merchant || fields.serial_no !== merchant.serialNo || !fields.signature) return null;
    if (Math.abs(nowSeconds() - Number(fields.timestamp)) > 300) return null;
    const message = `${req.method}\n${path}\n${fields.timestamp}\n${fields.nonce_str}\n${raw}\n`;
    return createVerify("RSA-SHA256").update(message).verify(merchant.publicKey, fields.signature, "base64") ? merchant : null;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const merchant = this.verifyMerchant(req, `${url.pathname}${url.search}`, raw);
    const body = raw ? (JSON.parse(raw) as Json) : null;
    this.requests.push({ method: req.method ?? "GET", path: url.pathname, body, signed: merchant !== null });

    const index = this.failures.findIndex((f) => f.kind !== "code" || !f.path || url.pathname.startsWith(f.path));
    const failure = index >= 0 ? this.failures.splice(index, 1)[0] : undefined;
    if (failure?.kind === "timeout") {
      await new Promise((r) => setTimeout(r, failure.ms));
      res.destroy();
      return;
    }
    if (failure?.kind === "status") return this.send(res, failure.status, { code: "SYSTEM_ERROR", message: `Injected ${failure.status}` });
    if (failure?.kind === "code") return this.send(res, failure.status, { code: failure.code, message: `Injected ${failure.code}` });
    if (!merchant) return this.send(res, 401, { code: "SIGN_ERROR", message: "签名错误 (the request signature does not verify)" });
    const [status, answer] = this.route(req.method ?? "GET", url, body ?? {}, merchant);
    return this.send(res, status, answer);
  }

  private route(method: string, url: URL, body: Json, merchant: Merchant): [number, Json | null] {
    const path = url.pathname;
    const error = (status: number, code: string, message = code): [number, Json] => [status, { code, message }];
    const trade = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(path);
    if (method === "POST" && (path === "/v3/pay/transactions/native" || path === "/v3/pay/transactions/h5")) {
      const kind = path.endsWith("native") ? "native" : "h5";
      const amount = body.amount as { total?: number; currency?: string } | undefined;
      if (body.mchid !== merchant.mchid || !body.appid || !body.out_trade_no || !body.notify_url || !amount?.total) return error(400, "PARAM_ERROR");
      const scene = body.scene_info as { payer_client_ip?: string } | undefined;
      if (kind === "h5" && !scene?.payer_client_ip) return error(400, "PARAM_ERROR", "scene_info.payer_client_ip is required");
      const outTradeNo = String(body.out_trade_no);
      const existing = this.transactions.get(outTradeNo);
      if (existing && existing.trade_state !== "NOTPAY") return error(400, "ORDERPAID", "该订单已支付");
      this.transactions.set(outTradeNo, {
        mchid: merchant.mchid,
        appid: String(body.appid),
        out_trade_no: outTradeNo,
        trade_state: "NOTPAY",
        amount: { total: amount.total, currency: amount.currency ?? "CNY", refunded: 0 },
        notify_url: String(body.notify_url),
        kind,
        payer_client_ip: scene?.payer_client_ip,
      });
      const prepay = `wx${digits(26)}`;
      return kind === "native"
        ? [200, { code_url: `weixin://wxpay/bizpayurl?pr=${prepay.slice(2, 12)}` }]
        : [200, { h5_url: `https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=${prepay}&package=${digits(10)}` }];
    }
    if (trade) {
      const found = this.transactions.get(decodeURIComponent(trade[1]!));
      if (!found || found.mchid !== merchant.mchid) return error(404, "ORDER_NOT_EXIST", "订单不存在");
      if (method === "POST" && trade[2]) {
        if (found.trade_state === "NOTPAY") found.trade_state = "CLOSED";
        return [204, null];
      }
      if (method === "GET" && url.searchParams.get("mchid") === merchant.mchid) return [200, this.transactionView(found)];
      return error(400, "PARAM_ERROR");
    }
    if (method === "POST" && path === "/v3/refund/domestic/refunds") return this.createRefund(body, merchant);
    const refund = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path);
    if (method === "GET" && refund) {
      const found = this.refunds.get(decodeURIComponent(refund[1]!));
      return found && found.mchid === merchant.mchid ? [200, { ...found }] : error(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
    }
    return error(404, "NOT_FOUND", `no route ${method} ${path}`);
  }

  private createRefund(body: Json, merchant: Merchant): [number, Json] {
    const outRefundNo = String(body.out_refund_no ?? "");
    const repeat = this.refunds.get(outRefundNo);
    if (repeat) return [200, { ...repeat }];
    const trade = [...this.transactions.values()].find(
      (t) => t.mchid === merchant.mchid && ((body.transaction_id && t.transaction_id === body.transaction_id) || (body.out_trade_no && t.out_trade_no === body.out_trade_no)),
    );
    if (!trade || (trade.trade_state !== "SUCCESS" && trade.trade_state !== "REFUND")) return [404, { code: "RESOURCE_NOT_EXISTS", message: "订单不存在" }];
    const amount = body.amount as { refund: number; total: number; currency: string };
    if (!outRefundNo || amount?.currency !== "CNY" || amount.total !== trade.amount.total) return [400, { code: "PARAM_ERROR", message: "amount does not match the order" }];
    if (trade.amount.refunded + amount.refund > trade.amount.total) return [403, { code: "NOT_ENOUGH", message: "refund exceeds the amount paid" }];
    trade.amount.refunded += amount.refund;
    if (trade.amount.refunded === trade.amount.total) trade.trade_state = "REFUND";
    const record: RefundRecord = {
      mchid: merchant.mchid,
      refund_id: `50000${digits(24)}`,
      out_refund_no: outRefundNo,
      out_trade_no: trade.out_trade_no,
      transaction_id: trade.transaction_id!,
      status: this.refundStatusOnCreate,
      amount,
    };
    this.refunds.set(outRefundNo, record);
    return [200, { ...record }];
  }

  private send(res: ServerResponse, status: number, body: Json | null) {
    const text = body === null ? "" : JSON.stringify(body);
    const signed = this.signed(text, { signWith: this.forgeAnswersWith ?? undefined });
    const headers: Record<string, string> = {
      "request-id": randomBytes(8).toString("hex"),
      "wechatpay-timestamp": signed.headers["wechatpay-timestamp"]!,
      "wechatpay-nonce": signed.headers["wechatpay-nonce"]!,
      "wechatpay-serial": this.platformSerialNo,
      "wechatpay-signature": signed.signature,
    };
    if (body !== null) headers["content-type"] = "application/json";
    res.writeHead(status, headers);
    res.end(text);
  }
}
