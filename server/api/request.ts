import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import { apiKeyContext, contextFor, type ServiceCtx } from "../context";
import {
  authenticateApiKey,
  claimIdempotencyKey,
  countApiKeyRequest,
  recordApiKeyUse,
  storeIdempotentAnswer,
  type ApiRateLimit,
  type ApiScope,
  type StoredApiAnswer,
} from "../tenancy";
import { PROBLEM_HEADERS, problemJson, problemOf, problemResponse, type Problem } from "./problem";

/** Requests a key may make per window. */
export const API_KEY_RATE_LIMIT: ApiRateLimit = { requests: 600, windowSeconds: 60 };

const unauthorized = (detail: string) =>
  problemResponse({ status: 401, code: "unauthorized", detail }, { "www-authenticate": 'Bearer realm="VendOps API"' });

/** The key of an `Authorization: Bearer <key>` header, or null. */
export function bearerKey(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** What an operation answers: a JSON body (or text, e.g. CSV), its status and extra headers. */
export interface ApiAnswer {
  status: number;
  /** JSON-serializable, or a string sent as is with `contentType`; null for no body (204, 304). */
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A refusal an operation answers with on purpose (412, 422): a problem, not an error. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

export interface ApiRequestOptions {
  /** The scope the operation needs, e.g. `machines:read`. */
  scope: ApiScope;
  /** The operation: its answer is sent as JSON with status 200 (or `status`). */
  handle?: (ctx: ServiceCtx) => Promise<unknown>;
  /** The operation with full control of its answer (status, headers, content type). */
  answer?: (ctx: ServiceCtx) => Promise<ApiAnswer>;
  status?: number;
  limit?: ApiRateLimit;
  /** Serializes writes to one resource: concurrent writes to the same path wait for each other. */
  lockKey?: string;
  /** The request's `Idempotency-Key` and the SHA-256 of its method, path and body. */
  idempotency?: { key: string; requestHash: string };
}

/** The SHA-256 a repeated request must match to replay a stored answer. */
export function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`, "utf8").digest("hex");
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's `Idempotency-Key`: undefined when absent, null when malformed. */
export function idempotencyKeyOf(request: Request): string | null | undefined {
  const value = request.headers.get("idempotency-key");
  if (value === null) return undefined;
  return IDEMPOTENCY_KEY.test(value) ? value : null;
}

function toResponse(answer: StoredApiAnswer): Response {
  return new Response(answer.status === 204 || answer.status === 304 ? null : answer.body, { status: answer.status, headers: answer.headers });
}

function serialize(answer: ApiAnswer, rateHeaders: Record<string, string>): StoredApiAnswer {
  const text = typeof answer.body === "string" ? answer.body : answer.body === null ? "" : JSON.stringify(answer.body);
  return {
    status: answer.status,
    body: text,
    headers: { "content-type": answer.contentType ?? "application/json", "cache-control": "no-store", ...rateHeaders, ...answer.headers },
  };
}

/**
 * Serves one public API request: the key from the Authorization header (401 when missing,
 * unknown, revoked or expired), the key's rate limit (429), its scope (403), then the operation in
 * a tenant transaction confined to the key's org, with the key as the actor. A key that may
 * write is recorded in the audit log on every use. A write with an `Idempotency-Key` is done once:
 * a repeat replays the first answer. Errors answer as problem details.
 */
export async function handleApiRequest(db: Db, request: Request, options: ApiRequestOptions): Promise<Response> {
  const key = bearerKey(request);
  if (!key) return unauthorized("Send an API key in the Authorization header: Bearer <key>.");
  const identity = await authenticateApiKey(db, key);
  if (!identity) return unauthorized("The API key is unknown, revoked or expired.");
  const limit = options.limit ?? API_KEY_RATE_LIMIT;
  const path = new URL(request.url).pathname;
  const run = options.answer ?? (async (ctx: ServiceCtx) => ({ status: options.status ?? 200, body: await options.handle!(ctx) }));
  try {
    const stored = await withTenant(db, { orgId: identity.orgId }, async (tx): Promise<StoredApiAnswer> => {
      const ctx = apiKeyContext(tx, { orgId: identity.orgId, apiKeyId: identity.apiKeyId, name: identity.name });
      const rate = await countApiKeyRequest(ctx, { apiKeyId: identity.apiKeyId, limit });
      const rateHeaders = { "ratelimit-limit": String(rate.limit), "ratelimit-remaining": String(rate.remaining), "ratelimit-reset": String(rate.resetSeconds) };
      const problem = (p: Problem, headers: Record<string, string> = {}): StoredApiAnswer => ({
        status: p.status,
        body: JSON.stringify(problemJson(p)),
        headers: { ...PROBLEM_HEADERS, ...rateHeaders, ...headers },
      });
      if (!rate.ok) {
        return problem({ status: 429, code: "rate_limited", detail: `Too many requests with this key; retry in ${rate.resetSeconds} s.` }, { "retry-after": String(rate.resetSeconds) });
      }
      if (!identity.scopes.includes(options.scope)) return problem({ status: 403, code: "missing_scope", detail: `This API key lacks the ${options.scope} scope.` });
      if (identity.scopes.some((s) => s.endsWith(":write"))) await recordApiKeyUse(ctx, { method: request.method, path });
      let claimId: string | null = null;
      if (options.idempotency) {
        const claim = await claimIdempotencyKey(ctx, { apiKeyId: identity.apiKeyId, key: options.idempotency.key, requestHash: options.idempotency.requestHash, method: request.method, path });
        if (claim.kind === "replay") return { ...claim.answer, headers: { ...claim.answer.headers, ...rateHeaders, "idempotent-replayed": "true" } };
        if (claim.kind === "mismatch") {
          return problem({
            status: 422,
            code: "idempotency_key_reused",
            detail: "This Idempotency-Key was used with another request in the last 24 hours; send a new key for a new request.",
          });
        }
        claimId = claim.id;
      }
      if (options.lockKey) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`api:${identity.orgId}:${options.lockKey}`}, 0))`);
      let answer: StoredApiAnswer;
      try {
        // A savepoint: a refused operation leaves nothing half-written, and the request stays counted.
        answer = serialize(await tx.transaction((inner) => run(contextFor(ctx, inner))), rateHeaders);
      } catch (error) {
        const p = error instanceof ApiProblem ? error.problem : problemOf(error);
        if (!p) throw error;
        answer = problem(p);
      }
      if (claimId) await storeIdempotentAnswer(ctx, { id: claimId, answer });
      return answer;
    });
    return toResponse(stored);
  } catch (error) {
    console.error(`[api] ${request.method} ${path}:`, error);
    return problemResponse({ status: 500, code: "server_error", detail: "The server failed to answer; retry later." });
  }
}
