// The reference machine client for protocol v1 in Node: buffer events, send them signed in batches,
// retry what the server did not take, never resend what it refused. Also uploads DEX audit files
// (`sendAudit`). Depends only on `standardwebhooks` and Node.

import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { loadBuffer, saveBuffer } from "./client-buffer";
import { eventsUrl, MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST, type EventsResponse, type MachineCommand, type ProtocolError, type ProtocolEvent } from "./protocol";

export interface MachineClientOptions {
  baseUrl: string;
  machineId: string;
  /** `whsec_...`, as shown once when the machine was registered. */
  secret: string;
  fetch?: typeof fetch;
  /** The machine's clock in ms (signatures, backoff). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Keep the buffer in this JSON file, so a restart still sends what was not delivered. */
  bufferFile?: string;
  maxEventsPerRequest?: number;
  /** Exponential backoff between failed attempts: initial delay, doubled per failure up to the maximum. */
  backoff?: { initialMs?: number; maxMs?: number };
  requestTimeoutMs?: number;
  newWebhookId?: () => string;
}

/** An event the server refused: it is dropped from the buffer and never sent again. */
export interface Rejection {
  event: ProtocolEvent;
  error: ProtocolError;
}

/** Why a request failed. `retryable` failures are retried with backoff; the others halt the client. */
export interface RequestFailure {
  status: number | null;
  code: string;
  message: string;
  retryable: boolean;
}

export interface FlushReport {
  /** empty: nothing to send; delivered: the buffer was emptied; waiting: backing off; halted: needs a person. */
  outcome: "empty" | "delivered" | "waiting" | "halted";
  requests: number;
  accepted: number;
  duplicate: number;
  rejected: Rejection[];
  commands: MachineCommand[];
  error?: RequestFailure;
  /** When the next attempt may be made (ms), while waiting. */
  retryAt?: number;
}

interface Batch {
  webhookId: string;
  count: number;
  body: string;
}

export class MachineClient {
  readonly machineId: string;
  /** Every rejection so far (the most recent 1000), with the server's code. */
  readonly rejections: Rejection[] = [];
  readonly totals = { requests: 0, accepted: 0, duplicate: 0, rejected: 0, failedRequests: 0 };
  private buffer: ProtocolEvent[] = [];
  private inflight: Batch | null = null;
  private failures = 0;
  private retryAt = 0;
  private splitTo: number | null = null;
  private haltedBy: RequestFailure | null = null;
  private running: Promise<FlushReport> | null = null;
  private webhook: Webhook;
  private secret: string;
  private readonly url: string;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly maxEvents: number;
  private readonly backoff: { initialMs: number; maxMs: number };

  constructor(private readonly options: MachineClientOptions) {
    this.machineId = options.machineId;
    this.url = eventsUrl(options.baseUrl, options.machineId);
    this.webhook = new Webhook(options.secret);
    this.secret = options.secret;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    this.maxEvents = Math.min(MAX_EVENTS_PER_REQUEST, options.maxEventsPerRequest ?? MAX_EVENTS_PER_REQUEST);
    this.backoff = { initialMs: options.backoff?.initialMs ?? 1000, maxMs: options.backoff?.maxMs ?? 5 * 60_000 };
    if (options.bufferFile) {
      const saved = loadBuffer(options.bufferFile, options.machineId);
      this.buffer = saved.events;
      if (saved.inflight && saved.inflight.count <= this.buffer.length) this.inflight = this.batchOf(saved.inflight.count, saved.inflight.webhookId);
    }
  }

  /** Events waiting to be delivered. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** The failure that stopped the client (bad credentials, disabled machine...), until `resume()`. */
  get halted(): RequestFailure | null {
    return this.haltedBy;
  }

  /** Adds events to the buffer; they are sent by the next `flush()`. */
  enqueue(...events: ProtocolEvent[]): void {
    for (const e of events) {
      if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(e.id)) throw new Error(`event id ${JSON.stringify(e.id)} must be 1 to 64 characters of A-Z a-z 0-9 _ . : -`);
    }
    this.buffer.push(...events);
    this.persist();
  }

  /**
   * Uploads a DEX audit file with this machine's credentials and clock (see `sendAudit`): signed
   * over its raw bytes, retried on network errors, 5xx and 429. Independent of the event buffer:
   * a failed upload neither halts nor delays the events.
   */
  sendAudit(body: Uint8Array, options: Partial<Omit<AuditUploadOptions, "baseUrl" | "machineId" | "secret">> = {}): Promise<AuditUploadResult> {
    return sendAudit(body, {
      baseUrl: this.options.baseUrl,
      machineId: this.machineId,
      secret: this.secret,
      fetch: this.fetch,
      now: this.now,
      sleep: this.sleep,
      random: this.random,
      backoff: this.backoff,
      requestTimeoutMs: this.options.requestTimeoutMs,
      webhookId: this.options.newWebhookId?.(),
      ...options,
    });
  }

  /** Clears a halt, e.g. after the machine was enabled again or given a new secret. */
  resume(secret?: string): void {
    if (secret) {
      this.webhook = new Webhook(secret);
      this.secret = secret;
    }
    this.haltedBy = null;
    this.failures = 0;
    this.retryAt = 0;
  }

  /**
   * Sends the buffer, up to 500 events a request, until it is empty or a request fails. Does not
   * wait: after a retryable failure it reports `waiting` with `retryAt`, and a flush before then
   * sends nothing. Accepted and duplicate events leave the buffer; rejected ones too, recorded.
   */
  flush(): Promise<FlushReport> {
    // One flush at a time: a second caller shares the running one rather than sending the batch twice.
    this.running ??= this.flushOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async flushOnce(): Promise<FlushReport> {
    const report: FlushReport = { outcome: "empty", requests: 0, accepted: 0, duplicate: 0, rejected: [], commands: [] };
    if (this.haltedBy) return { ...report, outcome: "halted", error: this.haltedBy };
    if (this.buffer.length === 0) return report;
    if (this.now() < this.retryAt) return { ...report, outcome: "waiting", retryAt: this.retryAt };
    while (this.buffer.length > 0) {
      if (!this.inflight) {
        this.inflight = this.nextBatch();
        // Saved before it is sent: after a crash, the retry still carries the same webhook-id.
        this.persist();
      }
      const batch = this.inflight;
      report.requests++;
      this.totals.requests++;
      const answer = await this.send(batch);
      if ("results" in answer) {
        this.settle(batch, answer, report);
        continue;
      }
      this.totals.failedRequests++;
      report.error = answer;
      if (answer.status === 413) {
        this.inflight = null;
        if (batch.count > 1) this.splitTo = Math.ceil(batch.count / 2);
        else this.reject(this.buffer.shift()!, { code: "payload_too_large", message: answer.message }, report);
        this.persist();
        continue;
      }
      if (!answer.retryable) {
        this.haltedBy = answer;
        return { ...report, outcome: "halted" };
      }
      this.failures++;
      this.retryAt = this.now() + this.delay(answer);
      return { ...report, outcome: "waiting", retryAt: this.retryAt };
    }
    return { ...report, outcome: "delivered" };
  }

  /**
   * Flushes until the buffer is empty, sleeping through backoffs; stops when halted or after
   * `maxAttempts` requests that failed.
   */
  async flushUntilDone(options: { maxAttempts?: number } = {}): Promise<FlushReport> {
    const total: FlushReport = { outcome: "empty", requests: 0, accepted: 0, duplicate: 0, rejected: [], commands: [] };
    let failed = 0;
    for (;;) {
      const r = await this.flush();
      total.requests += r.requests;
      total.accepted += r.accepted;
      total.duplicate += r.duplicate;
      total.rejected.push(...r.rejected);
      total.commands.push(...r.commands.filter((c) => !total.commands.some((t) => t.id === c.id)));
      total.outcome = r.outcome === "empty" && total.requests > 0 ? "delivered" : r.outcome;
      if (r.error) total.error = r.error;
      total.retryAt = r.retryAt;
      if (r.outcome !== "waiting") return total;
      if (r.requests > 0 && ++failed >= (options.maxAttempts ?? Infinity)) return total;
      await this.sleep(Math.max(0, r.retryAt! - this.now()));
    }
  }

  private nextBatch(): Batch {
    const limit = Math.min(this.maxEvents, this.splitTo ?? Infinity, this.buffer.length);
    // Keep the body under 1 MiB: `{"events":[` + events joined by commas + `]}`.
    let bytes = 13;
    let count = 0;
    while (count < limit) {
      const size = Buffer.byteLength(JSON.stringify(this.buffer[count])) + (count > 0 ? 1 : 0);
      if (count > 0 && bytes + size > MAX_BODY_BYTES) break;
      bytes += size;
      count++;
    }
    return this.batchOf(count, this.options.newWebhookId?.() ?? `msg_${globalThis.crypto.randomUUID().replaceAll("-", "")}`);
  }

  private batchOf(count: number, webhookId: string): Batch {
    return { webhookId, count, body: JSON.stringify({ events: this.buffer.slice(0, count) }) };
  }

  private async send(batch: Batch): Promise<EventsResponse | RequestFailure> {
    const at = this.now();
    // A retry of the same body keeps its webhook-id; only the timestamp and signature are new.
    const headers = {
      "content-type": "application/json",
      "webhook-id": batch.webhookId,
      "webhook-timestamp": String(Math.floor(at / 1000)),
      "webhook-signature": this.webhook.sign(batch.webhookId, new Date(at), batch.body),
    };
    let res: Response;
    try {
      res = await this.fetch(this.url, { method: "POST", headers, body: batch.body, signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000) });
    } catch (error) {
      return { status: null, code: "network_error", message: error instanceof Error ? error.message : String(error), retryable: true };
    }
    const json = (await res.json().catch(() => null)) as (Partial<EventsResponse> & { error?: ProtocolError }) | null;
    if (res.status === 200) {
      if (Array.isArray(json?.results) && json.results.length === batch.count) return { results: json.results, commands: json.commands ?? [] };
      return { status: 200, code: "bad_response", message: "the server's answer does not list one result per event", retryable: true };
    }
    return requestFailure(res, json, at);
  }

  private settle(batch: Batch, answer: EventsResponse, report: FlushReport) {
    const sent = this.buffer.splice(0, batch.count);
    answer.results.forEach((result, i) => {
      if (result.status === "rejected") this.reject(sent[i]!, result.error, report);
      else report[result.status]++;
    });
    this.totals.accepted += answer.results.filter((r) => r.status === "accepted").length;
    this.totals.duplicate += answer.results.filter((r) => r.status === "duplicate").length;
    for (const c of answer.commands) if (!report.commands.some((k) => k.id === c.id)) report.commands.push(c);
    this.inflight = null;
    this.splitTo = null;
    this.failures = 0;
    this.retryAt = 0;
    this.persist();
  }

  private reject(event: ProtocolEvent, error: ProtocolError, report: FlushReport) {
    const rejection = { event, error };
    report.rejected.push(rejection);
    this.totals.rejected++;
    this.rejections.push(rejection);
    if (this.rejections.length > 1000) this.rejections.shift();
  }

  /** Exponential backoff with jitter (half fixed, half random); a retry-after is honoured. */
  private delay(failure: RequestFailure & { retryAfterMs?: number }): number {
    return backoffDelay(failure, this.failures, this.backoff, this.random);
  }

  private persist() {
    if (!this.options.bufferFile) return;
    const inflight = this.inflight && { webhookId: this.inflight.webhookId, count: this.inflight.count };
    saveBuffer(this.options.bufferFile, { machineId: this.machineId, events: this.buffer, inflight });
  }
}

/** `retry-after` in seconds or as an HTTP date, as milliseconds from `now`; null if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** A failed HTTP answer as a `RequestFailure` (with `retryAfterMs` when the server sent `retry-after`). */
function requestFailure(res: Response, json: { error?: Partial<ProtocolError> } | null, at: number): RequestFailure & { retryAfterMs?: number } {
  const failure: RequestFailure = {
    status: res.status,
    code: json?.error?.code ?? `http_${res.status}`,
    message: json?.error?.message ?? res.statusText,
    // A client error will not fix itself by sending again, except a timeout or the rate limit.
    retryable: res.status >= 500 || res.status === 408 || res.status === 429 || res.status < 400,
  };
  const retryAfter = parseRetryAfter(res.headers.get("retry-after"), at);
  return retryAfter === null ? failure : Object.assign(failure, { retryAfterMs: retryAfter });
}

/**
 * The wait before the next attempt after `failures` failures in a row: a `retry-after` is honoured
 * (plus up to 10 % or 1 s of jitter); otherwise exponential backoff, half fixed and half random.
 */
function backoffDelay(failure: RequestFailure & { retryAfterMs?: number }, failures: number, backoff: { initialMs: number; maxMs: number }, random: () => number): number {
  if (failure.retryAfterMs !== undefined) return failure.retryAfterMs + random() * Math.min(1000, failure.retryAfterMs * 0.1);
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (Math.max(1, failures) - 1));
  return base / 2 + (random() * base) / 2;
}

// Audit uploads (docs/machine-audits-v1.md): a DEX/EVA-DTS file as read from the controller, sent
// as it is, signed over its raw bytes.

/** The audits endpoint of a machine under a VendOps base URL. */
export function auditsUrl(baseUrl: string, machineId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/v1/machines/${encodeURIComponent(machineId)}/audits`;
}

/**
 * The Standard Webhooks signature of a body given as bytes: `v1,` + base64(HMAC-SHA256(key,
 * "{webhookId}.{unix seconds}." followed by the body's bytes)), key = the base64-decoded secret
 * after `whsec_`. Unlike `Webhook.sign` from `standardwebhooks`, the body is never decoded to a
 * string, so a byte that is not UTF-8 is signed as it is (decoding would turn it into U+FFFD).
 */
export function signRawBody(secret: string, webhookId: string, timestamp: Date, body: Uint8Array): string {
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
  const prefix = Buffer.from(`${webhookId}.${Math.floor(timestamp.getTime() / 1000)}.`, "utf8");
  return `v1,${createHmac("sha256", key).update(Buffer.concat([prefix, body])).digest("base64")}`;
}

/** What the server read from an accepted (or duplicate) audit. Extra fields may come too. */
export interface AuditAnswer {
  id: string;
  status: "accepted" | "duplicate";
  machineSerial: string | null;
  readAt: string | null;
  decimals: number;
  currency: string | null;
  paidVends: { count: number | null; valueMinor: number | null };
  cashSalesMinor: number | null;
  cashlessSalesMinor: number | null;
  selections: { selection: string | null; priceMinor: number | null; paidCount: number | null; paidValueMinor: number | null }[];
  crc: "ok" | "mismatch" | "absent";
  quality: { code: string; message: string }[];
  [extra: string]: unknown;
}

export interface AuditUploadOptions {
  baseUrl: string;
  machineId: string;
  /** `whsec_...`, the machine's secret (the same as for events). */
  secret: string;
  fetch?: typeof fetch;
  /** The machine's clock in ms (signature timestamps, backoff). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Default `text/plain`; `text/plain; charset=...` and `application/octet-stream` are accepted too. */
  contentType?: string;
  /** The request's webhook-id, kept by every retry of this upload. Default: a new random one. */
  webhookId?: string;
  /** Attempts in all, the first included, before giving up on a retryable failure. Default 5. */
  maxAttempts?: number;
  /** Exponential backoff between failed attempts, as for events. */
  backoff?: { initialMs?: number; maxMs?: number };
  requestTimeoutMs?: number;
}

export interface AuditUploadResult {
  /** The audit was stored (`accepted`) or had been already (`duplicate`, with the first upload's id). */
  ok: boolean;
  /** HTTP status of the last attempt; null when it never got an answer (network error). */
  status: number | null;
  /** The last answer's JSON, parsed; null when it was not JSON. */
  json: unknown;
  /** `json.audit` of a 200. */
  audit: AuditAnswer | null;
  /** Why the upload failed, when it did (`retryable` as for events). */
  error: RequestFailure | null;
  attempts: number;
  webhookId: string;
  /** After giving up on a retryable failure: when the next attempt may be made (ms), honouring `retry-after`. */
  retryAt?: number;
}

/**
 * Uploads a DEX/EVA-DTS audit: `POST {baseUrl}/api/v1/machines/{machineId}/audits` with
 * `content-type: text/plain` and the body exactly as given, signed over its raw bytes
 * (`signRawBody`). Retries like the events client: network errors, 5xx, 408 and 429 are retried
 * with exponential backoff and jitter, honouring `retry-after`, keeping the webhook-id (a new
 * timestamp and signature each time), up to `maxAttempts`; any other answer is final (413
 * `payload_too_large`, 400 `invalid_dex`, 401, 403...). Sending the same file again is safe:
 * the server answers `duplicate` with the stored audit's id.
 */
export async function sendAudit(body: Uint8Array, options: AuditUploadOptions): Promise<AuditUploadResult> {
  const url = auditsUrl(options.baseUrl, options.machineId);
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const backoff = { initialMs: options.backoff?.initialMs ?? 1000, maxMs: options.backoff?.maxMs ?? 5 * 60_000 };
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const webhookId = options.webhookId ?? `msg_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
  // fetch sends a copy: the caller's array may be changed meanwhile without changing what was signed.
  const bytes = Uint8Array.from(body);
  for (let attempt = 1; ; attempt++) {
    const at = now();
    const headers = {
      "content-type": options.contentType ?? "text/plain",
      "webhook-id": webhookId,
      "webhook-timestamp": String(Math.floor(at / 1000)),
      "webhook-signature": signRawBody(options.secret, webhookId, new Date(at), bytes),
    };
    let failure: RequestFailure & { retryAfterMs?: number };
    let status: number | null = null;
    let json: unknown = null;
    try {
      const res = await doFetch(url, { method: "POST", headers, body: bytes, signal: AbortSignal.timeout(options.requestTimeoutMs ?? 30_000) });
      status = res.status;
      json = await res.json().catch(() => null);
      const answer = json as { audit?: AuditAnswer; error?: ProtocolError } | null;
      if (res.status === 200 && answer?.audit && typeof answer.audit.id === "string") {
        return { ok: true, status, json, audit: answer.audit, error: null, attempts: attempt, webhookId };
      }
      failure =
        res.status === 200
          ? { status: 200, code: "bad_response", message: "the server's answer holds no audit", retryable: true }
          : requestFailure(res, answer, at);
    } catch (error) {
      failure = { status: null, code: "network_error", message: error instanceof Error ? error.message : String(error), retryable: true };
    }
    const delay = failure.retryable ? backoffDelay(failure, attempt, backoff, random) : 0;
    if (!failure.retryable || attempt >= maxAttempts) {
      const { retryAfterMs: _, ...error } = failure;
      return { ok: false, status, json, audit: null, error, attempts: attempt, webhookId, ...(failure.retryable ? { retryAt: now() + delay } : {}) };
    }
    await sleep(delay);
  }
}
