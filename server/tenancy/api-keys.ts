import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "~/db/client";
import { newId, randomToken } from "~/db/ids";
import { apiKeys } from "~/db/schema";
import { fieldError, notFound, ServiceError } from "../errors";
import type { ServiceCtx } from "../context";
import { recordAudit } from "./audit";
import { API_KEY_PREFIX, createApiKeyInput, revokeApiKeyInput, tenancyMessages, type ApiKeyStatus, type ApiScope } from "./contract";

/** The stored form of a key: its SHA-256 (the secret is 32 random bytes, so no slow hash is needed). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function statusOf(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/**
 * A new API key for the org. The clear key (`vo_live_XXXXXXXX_<secret>`) is returned once and never
 * stored; the list shows its prefix.
 */
export async function createApiKey(ctx: ServiceCtx, raw: z.input<typeof createApiKeyInput>) {
  const input = createApiKeyInput.parse(raw);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw fieldError("expiresAt", tenancyMessages.api_key_expiry_past);
  const prefix = `${API_KEY_PREFIX}${randomToken(8)}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const [row] = await ctx.db
    .insert(apiKeys)
    .values({
      id: newId("key"),
      orgId: ctx.orgId,
      name: input.name,
      prefix,
      keyHash: hashApiKey(key),
      scopes: input.scopes,
      createdBy: ctx.actor.type === "user" ? ctx.actor.id : null,
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  await recordAudit(ctx, {
    action: "api_key.created",
    targetType: "api_key",
    targetId: row!.id,
    data: { name: input.name, prefix, scopes: input.scopes, expiresAt: input.expiresAt?.toISOString() ?? null },
  });
  return { key, apiKey: { id: row!.id, name: row!.name, prefix, scopes: row!.scopes as ApiScope[], expiresAt: row!.expiresAt } };
}

/** The org's keys, newest first, with their status; never their hash. */
export async function listApiKeys(ctx: ServiceCtx) {
  const rows = await ctx.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdBy: apiKeys.createdBy,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.orgId, ctx.orgId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  const now = new Date();
  return rows.map((r) => ({ ...r, scopes: r.scopes as ApiScope[], status: statusOf(r, now) }));
}

/** Revokes a key at once; revoking twice is refused with a clear message. */
export async function revokeApiKey(ctx: ServiceCtx, raw: z.input<typeof revokeApiKeyInput>) {
  const { apiKeyId } = revokeApiKeyInput.parse(raw);
  const [row] = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: sql`now()`, revokedBy: ctx.actor.type === "user" ? ctx.actor.id : null })
    .where(and(eq(apiKeys.orgId, ctx.orgId), eq(apiKeys.id, apiKeyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
  if (!row) {
    const [existing] = await ctx.db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.orgId, ctx.orgId), eq(apiKeys.id, apiKeyId)));
    if (!existing) throw notFound("API key");
    throw new ServiceError("CONFLICT", tenancyMessages.api_key_revoked);
  }
  await recordAudit(ctx, { action: "api_key.revoked", targetType: "api_key", targetId: row.id, data: { name: row.name, prefix: row.prefix } });
  return { id: row.id };
}

/** A key that may call the API: its org, name and scopes. */
export interface ApiKeyIdentity {
  apiKeyId: string;
  orgId: string;
  name: string;
  scopes: ApiScope[];
}

/**
 * Looks a presented key up by its hash, on the owner connection: the request names no tenant
 * until its key is known. Unknown, revoked and expired keys are all null.
 */
export async function authenticateApiKey(db: Db, key: string): Promise<ApiKeyIdentity | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const [row] = await db
    .select({ id: apiKeys.id, orgId: apiKeys.orgId, name: apiKeys.name, scopes: apiKeys.scopes, revokedAt: apiKeys.revokedAt, expiresAt: apiKeys.expiresAt })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashApiKey(key)));
  if (!row || statusOf(row, new Date()) !== "active") return null;
  return { apiKeyId: row.id, orgId: row.orgId, name: row.name, scopes: row.scopes as ApiScope[] };
}

export interface ApiRateLimit {
  requests: number;
  windowSeconds: number;
}

/**
 * Counts one request of a key in its fixed window, on its row (one statement, so concurrent
 * requests count exactly), and marks it used when it was last marked more than a minute ago.
 * Refused requests are not counted. Runs in the key's tenant transaction.
 */
export async function countApiKeyRequest(
  ctx: ServiceCtx,
  input: { apiKeyId: string; limit: ApiRateLimit },
): Promise<{ ok: boolean; limit: number; remaining: number; resetSeconds: number }> {
  const { requests, windowSeconds } = input.limit;
  const window = sql`${apiKeys.requestWindowStartedAt} is not null and ${apiKeys.requestWindowStartedAt} > now() - make_interval(secs => ${windowSeconds})`;
  const result = (await ctx.db.execute(sql`
    with k as (select * from ${apiKeys} where ${apiKeys.orgId} = ${ctx.orgId} and ${apiKeys.id} = ${input.apiKeyId} for update),
    u as (
      update ${apiKeys} set
        request_window_started_at = case when ${window} then ${apiKeys.requestWindowStartedAt} else now() end,
        request_window_count = case when ${window} then ${apiKeys.requestWindowCount} + 1 else 1 end,
        last_used_at = case when ${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute' then now() else ${apiKeys.lastUsedAt} end
      where ${apiKeys.id} in (select id from k) and not (${window} and ${apiKeys.requestWindowCount} >= ${requests})
      returning request_window_started_at, request_window_count
    )
    select
      (select count(*) from u)::int as counted,
      coalesce((select request_window_count from u), (select request_window_count from k))::int as count,
      extract(epoch from coalesce((select request_window_started_at from u), (select request_window_started_at from k)) + make_interval(secs => ${windowSeconds}) - now())::float as reset
  `)) as unknown as { rows: { counted: number; count: number; reset: number | null }[] };
  const row = result.rows[0]!;
  const resetSeconds = Math.max(1, Math.ceil(Number(row.reset ?? windowSeconds)));
  return { ok: Number(row.counted) === 1, limit: requests, remaining: Math.max(0, requests - Number(row.count)), resetSeconds };
}

/** Records a use of a write-scoped key in the audit log, with the key as the actor. */
export async function recordApiKeyUse(ctx: ServiceCtx, use: { method: string; path: string; status?: number }): Promise<void> {
  await recordAudit(ctx, { action: "api_key.used", targetType: "api_key", targetId: ctx.actor.id, data: { method: use.method, path: use.path, ...(use.status ? { status: use.status } : {}) } });
}
