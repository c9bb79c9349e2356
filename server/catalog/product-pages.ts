import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { products } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { pageCursor, pageCursorAfter, readPageCursor } from "../input/cursor";

/** A page of the org's products for the public API, optionally of one category or activity. */
export const productPageInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: pageCursor.optional(),
  category: z.string().trim().max(60).optional(),
  active: z.boolean().optional(),
});

/**
 * The org's products a page at a time, oldest first, for integrators: keyset paging on
 * (created at, id), so a page never skips or repeats a product while others are added.
 */
export async function listProductPage(ctx: ServiceCtx, raw: z.input<typeof productPageInput>) {
  const { limit, cursor, category, active } = productPageInput.parse(raw);
  const after = cursor ? readPageCursor(cursor) : null;
  const createdMs = sql`date_trunc('milliseconds', ${products.createdAt})`;
  const rows = await ctx.db
    .select()
    .from(products)
    .where(
      and(
        eq(products.orgId, ctx.orgId),
        category === undefined ? undefined : eq(products.category, category),
        active === undefined ? undefined : eq(products.active, active),
        after ? sql`(${createdMs}, ${products.id}) > (${after.atText}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(createdMs), asc(products.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? pageCursorAfter(last.createdAt, last.id) : null };
}

/** One product of the org; another org's product is not found. */
export async function getProduct(ctx: ServiceCtx, productId: string) {
  const [row] = await ctx.db
    .select()
    .from(products)
    .where(and(eq(products.orgId, ctx.orgId), eq(products.id, productId)));
  if (!row) throw notFound("Product");
  return row;
}
