import "server-only";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import { apiKeyContext, contextFor, type ServiceCtx } from "../context";
import { authenticateApiKey, countApiKeyRequest, recordApiKeyUse, type ApiRateLimit, type ApiScope } from "../tenancy";
import { problemOf, problemResponse } from "./problem";

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

export interface ApiRequestOptions {
  /** The scope the operation needs, e.g. `machines:read`. */
  scope: ApiScope;
  /** The operation: its answer is sent as JSON with status 200 (or `status`). */
  handle: (ctx: ServiceCtx) => Promise<unknown>;
  status?: number;
  limit?: ApiRateLimit;
}

/**
 * Serves one public API request: the key from the Authorization header (401 when missing,
 * unknown, revoked or expired), the key's rate limit (429), its scope (403), then the operation in
 * a tenant transaction confined to the key's org, with the key as the actor. A key that may
 * write is recorded in the audit log on every use. Errors answer as problem details.
 */
export async function handleApiRequest(db: Db, request: Request, options: ApiRequestOptions): Promise<Response> {
  const key = bearerKey(request);
  if (!key) return unauthorized("Send an API key in the Authorization header: Bearer <key>.");
  const identity = await authenticateApiKey(db, key);
  if (!identity) return unauthorized("The API key is unknown, revoked or expired.");
  const limit = options.limit ?? API_KEY_RATE_LIMIT;
  const path = new URL(request.url).pathname;
  try {
    return await withTenant(db, { orgId: identity.orgId }, async (tx) => {
      const ctx = apiKeyContext(tx, { orgId: identity.orgId, apiKeyId: identity.apiKeyId, name: identity.name });
      const rate = await countApiKeyRequest(ctx, { apiKeyId: identity.apiKeyId, limit });
      const rateHeaders = { "ratelimit-limit": String(rate.limit), "ratelimit-remaining": String(rate.remaining), "ratelimit-reset": String(rate.resetSeconds) };
      if (!rate.ok) {
        return problemResponse(
          { status: 429, code: "rate_limited", detail: `Too many requests with this key; retry in ${rate.resetSeconds} s.` },
          { ...rateHeaders, "retry-after": String(rate.resetSeconds) },
        );
      }
      if (!identity.scopes.includes(options.scope)) {
        return problemResponse({ status: 403, code: "missing_scope", detail: `This API key lacks the ${options.scope} scope.` }, rateHeaders);
      }
      if (identity.scopes.some((s) => s.endsWith(":write"))) await recordApiKeyUse(ctx, { method: request.method, path });
      try {
        // A savepoint: a refused operation leaves nothing half-written, and the request stays counted.
        const body = await tx.transaction((inner) => options.handle(contextFor(ctx, inner)));
        return new Response(JSON.stringify(body), {
          status: options.status ?? 200,
          headers: { "content-type": "application/json", "cache-control": "no-store", ...rateHeaders },
        });
      } catch (error) {
        const problem = problemOf(error);
        if (!problem) throw error;
        return problemResponse(problem, rateHeaders);
      }
    });
  } catch (error) {
    console.error(`[api] ${request.method} ${path}:`, error);
    return problemResponse({ status: 500, code: "server_error", detail: "The server failed to answer; retry later." });
  }
}
