import "server-only";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { cashCollections } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { pageCursorAfter, readPageCursor } from "../input/cursor";
import { collectionInput, collectionPageInput } from "./contract";
import { collectionNumbers, selectCollections } from "./reports";

// A cursor carries milliseconds; rows are ordered at that precision so none is skipped.
const occurredMs = sql`date_trunc('milliseconds', ${cashCollections.occurredAt})`;

/**
 * The org's cash collections a page at a time, newest emptied first, for integrators: keyset
 * paging on (occurred at, id), with counted against expected and the variance.
 */
export async function listCollectionPage(ctx: ServiceCtx, raw: z.input<typeof collectionPageInput>) {
  const q = collectionPageInput.parse(raw);
  const after = q.cursor ? readPageCursor(q.cursor) : null;
  const rows = await selectCollections(
    ctx,
    and(
      eq(cashCollections.orgId, ctx.orgId),
      q.machineId ? eq(cashCollections.machineId, q.machineId) : undefined,
      q.from ? gte(cashCollections.occurredAt, q.from) : undefined,
      q.to ? lt(cashCollections.occurredAt, q.to) : undefined,
      after ? sql`(${occurredMs}, ${cashCollections.id}) < (${after.atText}::timestamptz, ${after.id})` : undefined,
    )!,
  )
    .orderBy(desc(occurredMs), desc(cashCollections.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit).map(collectionNumbers);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? pageCursorAfter(last.occurredAt, last.id) : null };
}

/** One collection of the org; another org's is not found. */
export async function getCollection(ctx: ServiceCtx, raw: z.input<typeof collectionInput>) {
  const { collectionId } = collectionInput.parse(raw);
  const [row] = await selectCollections(ctx, and(eq(cashCollections.orgId, ctx.orgId), eq(cashCollections.id, collectionId))!);
  if (!row) throw notFound("Cash collection");
  return collectionNumbers(row);
}
