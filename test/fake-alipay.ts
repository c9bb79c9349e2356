import { createSign, createVerify, generateKeyPairSync, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LocalServer } from "./local-server";

// A local fake of Alipay's OpenAPI 2.0 gateway for the methods VendOps calls, for tests: the real
// alipay-sdk talks to it over HTTP. It verifies each request's RSA2 signature with the app's public
// key, signs its answers and notifications with its own "Alipay" key, keeps trades and refunds in
// memory (one refund per trade and out_request_no) and can be told to fail.

type Fields = Record<string, string>;
type Answer = Record<string, unknown>;
export type AlipayFailure =
  | { kind: "status"; status: 500 | 502 | 503; method?: string }
  | { kind: "timeout"; ms: number; method?: string }
  | { kind: "refusal"; subCode: string; method?: string }
  /** Alipay acts on the request, but its answer never arrives (the caller times out). */
  | { kind: "lost"; ms: number; method?: string };

export interface FakeTrade {
  appId: string;
  outTradeNo: string;
  tradeNo: string;
  status: "WAIT_BUYER_PAY" | "TRADE_SUCCESS" | "TRADE_FINISHED" | "TRADE_CLOSED";
  totalFen: number;
  subject: string;
  notifyUrl: string | null;
  paidAt: Date | null;
  /** Refunds by out_request_no, in fen. */
  refunds: Map<string, number>;
}

export interface Notification {
  url: string | null;
  fields: Fields;
  body: string;
}

/** An RSA key pair in PEM, as an Alipay app or Alipay itself holds one. */
export function rsaKeys(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
}

const fen = (yuan: string) => Math.round(Number(yuan) * 100);
const yuan = (f: number) => (f / 100).toFixed(2);
/** Alipay's own clock format: Beijing time, "yyyy-MM-dd HH:mm:ss". */
const beijingTime = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
const refused = (subCode: string, subMsg = subCode): Answer => ({ code: "40004", msg: "Business Failed", sub_code: subCode, sub_msg: subMsg });

/** Alipay's string to sign: the fields but `sign` (and, for notifications, `sign_type`), sorted, non-empty, as k=v&k=v. */
export function signContent(fields: Fields, without: string[]): string {
  return Object.keys(fields)
    .filter((k) => !without.includes(k) && fields[k] !== "")
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join("&");
}

/** Signs a notification's fields as Alipay does (RSA2) and encodes them as the form body it posts. */
export function signNotification(fields: Fields, alipayPrivateKey: string): string {
  const sign = createSign("RSA-SHA256").update(signContent(fields, ["sign", "sign_type"]), "utf8").sign(alipayPrivateKey, "base64");
  return new URLSearchParams({ ...fields, sign }).toString();
}

export class FakeAlipay extends LocalServer {
  /** Alipay's own key pair: tests configure the public one as the org's Alipay public key. */
  readonly keys = rsaKeys();
  readonly trades = new Map<string, FakeTrade>();
  /** Every gateway request, in order (the alipay method), and whether an injected failure answered it. */
  readonly requests: { method: string; appId: string; bizContent: Answer; failed: boolean }[] = [];
  private readonly apps = new Map<string, string>();
  private failures: AlipayFailure[] = [];
  private sequence = 0;

  get gatewayUrl(): string {
    return `${this.url}/gateway.do`;
  }

  /** Registers an app: its requests must be signed by the private key of this public key. */
  registerApp(appId: string, appPublicKey: string): void {
    this.apps.set(appId, appPublicKey);
  }

  /** The next `count` requests (of `failure.method`, if given) fail this way; then it answers normally. */
  failNext(count: number, failure: AlipayFailure): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  trade(appId: string, outTradeNo: string): FakeTrade | undefined {
    return this.trades.get(`${appId}:${outTradeNo}`);
  }

  /** Refunds that moved money (a repeated out_request_no moves none), over all trades. */
  refundCount(): number {
    return [...this.trades.values()].reduce((n, t) => n + t.refunds.size, 0);
  }

  /** The consumer pays the trade in the Alipay app; answers the notification Alipay would post. */
  pay(appId: string, outTradeNo: string): Notification {
    const trade = this.trade(appId, outTradeNo);
    if (!trade || trade.status !== "WAIT_BUYER_PAY") throw new Error(`no payable trade ${outTradeNo}`);
    Object.assign(trade, { status: "TRADE_SUCCESS", paidAt: new Date() });
    return this.notification(trade);
  }

  /** The trade_status_sync notification of the trade's current state, signed; `refund` adds a refund's fields. */
  notification(trade: FakeTrade, refund?: string): Notification {
    const fields: Fields = {
      notify_time: beijingTime(new Date()),
      notify_type: "trade_status_sync",
      notify_id: randomBytes(16).toString("hex"),
      app_id: trade.appId,
      charset: "utf-8",
      version: "1.0",
      sign_type: "RSA2",
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      trade_status: trade.status,
      total_amount: yuan(trade.totalFen),
      subject: trade.subject,
      buyer_id: "2088102177846880",
      ...(trade.paidAt ? { gmt_payment: beijingTime(trade.paidAt), receipt_amount: yuan(trade.totalFen) } : {}),
      ...(refund ? { out_biz_no: refund, refund_fee: yuan(trade.refunds.get(refund) ?? 0), gmt_refund: `${beijingTime(new Date())}.000` } : {}),
    };
    return { url: trade.notifyUrl, fields, body: signNotification(fields, this.keys.privateKey) };
  }

  protected async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", this.url);
    const fields: Fields = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))) };
    const method = fields.method ?? "";
    const bizContent = JSON.parse(fields.biz_content ?? "{}") as Answer;
    const entry = { method, appId: fields.app_id ?? "", bizContent, failed: false };
    this.requests.push(entry);

    const index = this.failures.findIndex((f) => !f.method || f.method === method);
    const failure = index >= 0 ? this.failures.splice(index, 1)[0] : undefined;
    if (failure) entry.failed = true;
    if (failure?.kind === "timeout") {
      await new Promise((r) => setTimeout(r, failure.ms));
      res.destroy();
      return;
    }
    if (failure?.kind === "status") {
      res.writeHead(failure.status, { "content-type": "text/html" });
      return res.end("<html><body>Service Unavailable</body></html>");
    }
    const publicKey = this.apps.get(entry.appId);
    let answer: Answer;
    if (!publicKey) answer = { code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-app-id", sub_msg: "无效的AppID参数" };
    else if (!createVerify("RSA-SHA256").update(signContent(fields, ["sign"]), "utf8").verify(publicKey, fields.sign ?? "", "base64")) {
      answer = { code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-signature", sub_msg: "验签出错" };
    } else if (failure?.kind === "refusal") answer = refused(failure.subCode);
    else answer = this.route(method, entry.appId, bizContent, fields);
    if (failure?.kind === "lost") {
      await new Promise((r) => setTimeout(r, failure.ms));
      res.destroy();
      return;
    }

    if (method === "alipay.trade.wap.pay") {
      // The phone cashier page: the trade exists once the consumer has opened it.
      res.writeHead(answer.code === "10000" ? 200 : 400, { "content-type": "text/html; charset=utf-8" });
      return res.end(`<html><body>Alipay cashier: ${String(answer.code === "10000" ? bizContent.out_trade_no : answer.sub_code)}</body></html>`);
    }
    const inner = JSON.stringify(answer);
    const sign = createSign("RSA-SHA256").update(inner, "utf8").sign(this.keys.privateKey, "base64");
    res.writeHead(200, { "content-type": "application/json;charset=utf-8" });
    res.end(`{"${method.replaceAll(".", "_")}_response":${inner},"sign":"${sign}"}`);
  }

  private route(method: string, appId: string, biz: Answer, fields: Fields): Answer {
    const find = () => [...this.trades.values()].find((t) => t.appId === appId && (t.outTradeNo === biz.out_trade_no || t.tradeNo === biz.trade_no));
    switch (method) {
      case "alipay.trade.wap.pay":
      case "alipay.trade.precreate": {
        const existing = find();
        if (existing && existing.status !== "WAIT_BUYER_PAY") return refused("ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
        const trade: FakeTrade = existing ?? {
          appId,
          outTradeNo: String(biz.out_trade_no),
          tradeNo: `2026${String(++this.sequence).padStart(24, "0")}`,
          status: "WAIT_BUYER_PAY",
          totalFen: fen(String(biz.total_amount)),
          subject: String(biz.subject),
          notifyUrl: fields.notify_url ?? null,
          paidAt: null,
          refunds: new Map(),
        };
        this.trades.set(`${appId}:${trade.outTradeNo}`, trade);
        return { code: "10000", msg: "Success", out_trade_no: trade.outTradeNo, qr_code: `https://qr.alipay.com/fake${trade.tradeNo.slice(-8)}` };
      }
      case "alipay.trade.query": {
        const trade = find();
        if (!trade) return refused("ACQ.TRADE_NOT_EXIST", "交易不存在");
        return {
          code: "10000",
          msg: "Success",
          trade_no: trade.tradeNo,
          out_trade_no: trade.outTradeNo,
          trade_status: trade.status,
          total_amount: yuan(trade.totalFen),
          ...(trade.paidAt ? { send_pay_date: beijingTime(trade.paidAt), buyer_pay_amount: yuan(trade.totalFen) } : {}),
        };
      }
      case "alipay.trade.refund":
        return this.refund(find(), biz);
      case "alipay.trade.fastpay.refund.query": {
        const trade = find();
        if (!trade) return refused("ACQ.TRADE_NOT_EXIST", "交易不存在");
        const refunded = trade.refunds.get(String(biz.out_request_no));
        const base = { code: "10000", msg: "Success", trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo, out_request_no: biz.out_request_no };
        return refunded === undefined ? base : { ...base, refund_amount: yuan(refunded), total_amount: yuan(trade.totalFen), refund_status: "REFUND_SUCCESS" };
      }
      case "alipay.trade.close": {
        const trade = find();
        if (!trade) return refused("ACQ.TRADE_NOT_EXIST", "交易不存在");
        if (trade.status !== "WAIT_BUYER_PAY") return refused("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
        trade.status = "TRADE_CLOSED";
        return { code: "10000", msg: "Success", trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo };
      }
      default:
        return { code: "40004", msg: "Business Failed", sub_code: "isv.invalid-method", sub_msg: `unknown method ${method}` };
    }
  }

  private refund(trade: FakeTrade | undefined, biz: Answer): Answer {
    if (!trade) return refused("ACQ.TRADE_NOT_EXIST", "交易不存在");
    const requestNo = String(biz.out_request_no ?? trade.outTradeNo);
    const amount = fen(String(biz.refund_amount));
    const refundedTotal = () => [...trade.refunds.values()].reduce((a, b) => a + b, 0);
    const answer = (fundChange: "Y" | "N") => ({
      code: "10000",
      msg: "Success",
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      refund_fee: yuan(refundedTotal()),
      fund_change: fundChange,
    });
    const earlier = trade.refunds.get(requestNo);
    if (earlier !== undefined) return earlier === amount ? answer("N") : refused("ACQ.DISCORDANT_REPEAT_REQUEST", "不一致的请求");
    if (trade.status === "TRADE_CLOSED") return refused("ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
    if (trade.status !== "TRADE_SUCCESS") return refused("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
    if (!(amount > 0) || refundedTotal() + amount > trade.totalFen) return refused("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
    trade.refunds.set(requestNo, amount);
    // A trade refunded in full is closed.
    if (refundedTotal() === trade.totalFen) trade.status = "TRADE_CLOSED";
    return answer("Y");
  }
}
