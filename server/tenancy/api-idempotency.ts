import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { affectedRows, type Db } from "~/db/client";
import { newId } from "~/db/ids";
import { apiIdempotencyKeys } from "~/db/schema";
import type { ServiceCtx } from "../context";

/** How long an `Idempotency-Key` is remembered. */
export const IDEMPOTENCY_HOURS = 24;

/** A stored answer to replay. */
export interface StoredApiAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type IdempotencyClaim =
  | { kind: "claimed"; id: string }
  | { kind: "replay"; answer: StoredApiAnswer }
  | { kind: "mismatch" };

/**
 * Claims an idempotency key for a write, in the request's transaction. The first request with the
 * key inserts its row and goes on (its answer is stored by `storeIdempotentAnswer` before commit);
 * a concurrent one waits on the unique key until the first commits, then replays its answer. A key
 * older than a day is forgotten; the same key with another method, path or body is a mismatch.
 */
export async function claimIdempotencyKey(
  ctx: ServiceCtx,
  input: { apiKeyId: string; key: string; requestHash: string; method: string; path: string },
): Promise<IdempotencyClaim> {
  await ctx.db
    .delete(apiIdempotencyKeys)
    .where(
      and(
        eq(apiIdempotencyKeys.apiKeyId, input.apiKeyId),
        eq(apiIdempotencyKeys.key, input.key),
        lt(apiIdempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`),
      ),
    );
  const id = newId("idem");
  const inserted = await ctx.db
    .insert(apiIdempotencyKeys)
    .values({ id, orgId: ctx.orgId, apiKeyId: input.apiKeyId, key: input.key, requestHash: input.requestHash, method: input.method, path: input.path })
    .onConflictDoNothing()
    .returning({ id: apiIdempotencyKeys.id });
  if (inserted.length > 0) return { kind: "claimed", id };
  const [row] = await ctx.db
    .select()
    .from(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.apiKeyId, input.apiKeyId), eq(apiIdempotencyKeys.key, input.key)));
  if (!row || row.status === null || row.body === null) return { kind: "mismatch" };
  if (row.requestHash !== input.requestHash) return { kind: "mismatch" };
  return { kind: "replay", answer: { status: row.status, body: row.body, headers: row.headers } };
}

/** Keeps the answer of a claimed request, in the same transaction as its effect. */
export async function storeIdempotentAnswer(ctx: ServiceCtx, input: { id: string; answer: StoredApiAnswer }): Promise<void> {
  const { id, answer } = input;
  await ctx.db.update(apiIdempotencyKeys).set({ status: answer.status, body: answer.body, headers: answer.headers }).where(eq(apiIdempotencyKeys.id, id));
}

/** Forgets idempotency keys older than a day (all orgs; run by the retention job). */
export async function pruneIdempotencyKeys(db: Db, input: { now?: Date } = {}): Promise<number> {
  const now = input.now ?? new Date();
  return affectedRows(
    await db.execute(sql`delete from ${apiIdempotencyKeys} where ${apiIdempotencyKeys.createdAt} < ${now.toISOString()}::timestamptz - make_interval(hours => ${IDEMPOTENCY_HOURS})`),
  );
}
