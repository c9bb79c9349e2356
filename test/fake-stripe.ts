import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import qs from "qs";
import Stripe from "stripe";
import { LocalServer } from "./local-server";

// A local fake of the parts of Stripe's HTTP API that VendOps uses, for tests and benchmarks: the
// real SDK talks to it over HTTP (host, port, protocol). It keeps Stripe's idempotency semantics
// and can be told to fail.

type Json = Record<string, unknown>;
export type Failure = { kind: "status"; status: 500 | 429 | 503 } | { kind: "timeout"; ms: number };

interface Stored {
  fingerprint: string;
  status: number;
  body: Json;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

export class FakeStripe extends LocalServer {
  readonly paymentIntents = new Map<string, Json>();
  readonly sessions = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  /** Every request, in order: what a test asserts "one provider call" against. */
  readonly requests: { method: string; path: string; idempotencyKey: string | null; replayed: boolean }[] = [];
  private readonly idempotency = new Map<string, Stored>();
  private failures: Failure[] = [];

  /** The next `count` requests fail this way, then the fake answers normally again. */
  failNext(count: number, failure: Failure): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  /** Refunds Stripe actually created (a replayed idempotent request creates none). */
  refundCreations(): number {
    return this.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds" && !r.replayed).length;
  }

  /** A succeeded payment, as if a consumer had paid. */
  createPaymentIntent(amount: number, currency = "eur", metadata: Json = {}): Json {
    const pi = { id: id("pi"), object: "payment_intent", amount, amount_refunded: 0, currency, status: "succeeded", metadata, created: now() };
    this.paymentIntents.set(pi.id, pi);
    return pi;
  }

  /** Completes a checkout session: a paid payment intent, and the event Stripe would send. */
  completeSession(sessionId: string, method: "card" | "alipay" | "wechat_pay" = "card"): Json {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    const pi = this.createPaymentIntent(Number(session.amount_total), String(session.currency), session.metadata as Json);
    pi.latest_charge = { id: id("ch"), object: "charge", payment_intent: pi.id, payment_method_details: { type: method } };
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: pi.id });
    return this.event("checkout.session.completed", session);
  }

  /** Lets a checkout session run out unpaid, and the event Stripe would send. */
  expireSession(sessionId: string): Json {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    Object.assign(session, { status: "expired" });
    return this.event("checkout.session.expired", session);
  }

  /** A Stripe event wrapping `object`. */
  event(type: string, object: Json): Json {
    return { id: id("evt"), object: "event", type, created: now(), livemode: false, data: { object: { ...object } }, api_version: null };
  }

  /** Signs an event payload as Stripe does, for a webhook endpoint with `secret`. */
  static sign(payload: string, secret: string, timestamp = now()): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  }

  protected async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "/").split("?")[0]!;
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const entry = { method: req.method ?? "GET", path, idempotencyKey: key, replayed: false };
    this.requests.push(entry);

    const failure = this.failures.shift();
    if (failure?.kind === "timeout") {
      await new Promise((r) => setTimeout(r, failure.ms));
      res.destroy();
      return;
    }
    if (failure?.kind === "status") return this.send(res, failure.status, { error: { type: "api_error", message: `Injected ${failure.status}` } });

    if (!(req.headers.authorization ?? "").startsWith("Bearer sk_")) {
      return this.send(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
    }
    const params = qs.parse(raw) as Json;
    if (key && req.method === "POST") {
      const fingerprint = createHash("sha256").update(`${path}:${raw}`).digest("hex");
      const stored = this.idempotency.get(key);
      if (stored && stored.fingerprint !== fingerprint) {
        return this.send(res, 400, {
          error: { type: "idempotency_error", message: "Keys for idempotent requests can only be used with the same parameters they were first used with." },
        });
      }
      if (stored) {
        entry.replayed = true;
        return this.send(res, stored.status, stored.body, { "idempotent-replayed": "true" });
      }
      const [status, body] = this.route(req.method ?? "GET", path, params);
      this.idempotency.set(key, { fingerprint, status, body });
      return this.send(res, status, body);
    }
    const [status, body] = this.route(req.method ?? "GET", path, params);
    return this.send(res, status, body);
  }

  private route(method: string, path: string, params: Json): [number, Json] {
    const notFound = (what: string, value: string): [number, Json] => [
      404,
      { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${what}: '${value}'` } },
    ];
    const [, , resource, resourceId] = path.split("/");
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const items = (params.line_items as Json[] | undefined) ?? [];
      const amount = items.reduce((sum, item) => sum + Number((item.price_data as Json).unit_amount) * Number(item.quantity ?? 1), 0);
      const session = {
        id: id("cs_test"),
        object: "checkout.session",
        mode: params.mode,
        status: "open",
        payment_status: "unpaid",
        amount_total: amount,
        currency: (items[0]?.price_data as Json | undefined)?.currency ?? "eur",
        client_reference_id: params.client_reference_id ?? null,
        metadata: params.metadata ?? {},
        payment_intent: null,
        expires_at: Number(params.expires_at ?? now() + 3600),
        url: "",
      };
      session.url = `${this.url}/pay/${session.id}`;
      this.sessions.set(session.id, session);
      return [200, session];
    }
    if (method === "GET" && resource === "checkout") {
      const sessionId = path.split("/")[4] ?? "";
      const session = this.sessions.get(sessionId);
      return session ? [200, session] : notFound("checkout.session", sessionId);
    }
    if (method === "GET" && resource === "payment_intents" && resourceId) {
      const pi = this.paymentIntents.get(resourceId);
      return pi ? [200, pi] : notFound("payment_intent", resourceId);
    }
    if (method === "POST" && path === "/v1/refunds") {
      const piId = String(params.payment_intent ?? "");
      const pi = this.paymentIntents.get(piId);
      if (!pi) return notFound("payment_intent", piId);
      const amount = params.amount === undefined ? Number(pi.amount) - Number(pi.amount_refunded) : Number(params.amount);
      if (Number(pi.amount_refunded) + amount > Number(pi.amount)) {
        return [400, { error: { type: "invalid_request_error", code: "charge_already_refunded", message: "This payment has already been refunded." } }];
      }
      pi.amount_refunded = Number(pi.amount_refunded) + amount;
      const refund = { id: id("re"), object: "refund", amount, currency: pi.currency, payment_intent: piId, status: "succeeded", metadata: params.metadata ?? {}, created: now() };
      this.refunds.set(refund.id, refund);
      return [200, refund];
    }
    if (method === "GET" && resource === "refunds" && resourceId) {
      const refund = this.refunds.get(resourceId);
      return refund ? [200, refund] : notFound("refund", resourceId);
    }
    return [404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } }];
  }

  private send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", "request-id": id("req"), ...headers });
    res.end(JSON.stringify(body));
  }
}
