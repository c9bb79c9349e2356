import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { products } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { ServiceError } from "~/server/errors";
import { formatMoney } from "~/server/money";
import { getOrganization, recordAudit } from "~/server/tenancy";
import { MAX_MINOR, bulkPriceInput, catalogMessages, changedPrice } from "./contract";

/**
 * Changes the price of several products at once (a new price, a percentage or an amount), in one
 * transaction, with an audit entry per product like a single edit. Each product comes with the
 * price the person saw: a product already at its new price (the same change sent again) is left
 * alone, one whose price has moved since is refused, and so is a price outside 0..MAX_MINOR.
 */
export async function changePrices(ctx: ServiceCtx, raw: z.input<typeof bulkPriceInput>) {
  const input = bulkPriceInput.parse(raw);
  const ids = input.products.map((p) => p.productId);
  const current = await ctx.db
    .select({ id: products.id, name: products.name, priceMinor: products.priceMinor })
    .from(products)
    .where(and(eq(products.orgId, ctx.orgId), inArray(products.id, ids)))
    .for("update");
  if (current.length !== ids.length) throw new ServiceError("NOT_FOUND", catalogMessages.products_not_found);
  const { currency } = await getOrganization(ctx);
  const changes = input.products.map(({ productId, priceMinor: seen }) => {
    const product = current.find((p) => p.id === productId)!;
    return { ...product, seen, newPriceMinor: changedPrice(seen, input.change) };
  });
  const outside = changes.find((c) => c.newPriceMinor < 0 || c.newPriceMinor > MAX_MINOR);
  if (outside) {
    throw new ServiceError("BAD_REQUEST", catalogMessages.price_out_of_range, {
      name: outside.name,
      price: formatMoney(outside.newPriceMinor, currency),
      max: formatMoney(MAX_MINOR, currency),
    });
  }
  const moved = changes.find((c) => c.priceMinor !== c.seen && c.priceMinor !== c.newPriceMinor);
  if (moved) throw new ServiceError("CONFLICT", catalogMessages.prices_changed, { name: moved.name });
  const changed = changes.filter((c) => c.newPriceMinor !== c.priceMinor);
  if (changed.length > 0) {
    const cases = sql.join(
      changed.map((c) => sql`when ${c.id} then ${c.newPriceMinor}::integer`),
      sql` `,
    );
    await ctx.db
      .update(products)
      .set({ priceMinor: sql`case ${products.id} ${cases} end` })
      .where(and(eq(products.orgId, ctx.orgId), inArray(products.id, changed.map((c) => c.id))));
    for (const c of changed) {
      await recordAudit(ctx, { action: "product.updated", targetType: "product", targetId: c.id, data: { priceMinor: { from: c.priceMinor, to: c.newPriceMinor } } });
    }
  }
  return { changed: changed.length, unchanged: changes.length - changed.length };
}
