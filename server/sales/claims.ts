import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { sales } from "~/db/schema";
import type { ServiceCtx } from "../context";

/**
 * Credits a sale nobody was credited with to the consumer who claims its online order. A sale
 * already someone's is left alone. Returns the sale when it changed hands, for the points it earns.
 */
export async function assignSaleToConsumer(ctx: ServiceCtx, { saleId, consumerId }: { saleId: string; consumerId: string }) {
  const [sale] = await ctx.db
    .update(sales)
    .set({ consumerId })
    .where(and(eq(sales.id, saleId), eq(sales.orgId, ctx.orgId), isNull(sales.consumerId)))
    .returning({ id: sales.id, status: sales.status, priceMinor: sales.priceMinor, currency: sales.currency });
  return sale ?? null;
}
