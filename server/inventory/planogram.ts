import "server-only";
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { products, slots } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { ServiceError } from "~/server/errors";
import { getMachine } from "~/server/fleet";
import { recordAudit } from "~/server/tenancy";
import { inventoryMessages, setPlanogramInput } from "./contract";

/** The machine's slots with their product, price and live stock. */
export async function getPlanogram(ctx: ServiceCtx, input: { machineId: string }) {
  await getMachine(ctx, input.machineId);
  return ctx.db
    .select({
      id: slots.id,
      code: slots.code,
      capacity: slots.capacity,
      parLevel: slots.parLevel,
      stock: slots.stock,
      stockCountedAt: slots.stockCountedAt,
      priceOverrideMinor: slots.priceOverrideMinor,
      productId: slots.productId,
      productName: products.name,
      productSku: products.sku,
      priceMinor: sql<number | null>`coalesce(${slots.priceOverrideMinor}, ${products.priceMinor})`,
    })
    .from(slots)
    .leftJoin(products, eq(products.id, slots.productId))
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, input.machineId)))
    .orderBy(asc(slots.code));
}

/**
 * Replaces a machine's planogram: slots are added, changed or removed to match the list. Live
 * stock is kept for slots that stay (capped at the new capacity).
 */
export async function setPlanogram(ctx: ServiceCtx, raw: z.input<typeof setPlanogramInput>) {
  const input = setPlanogramInput.parse(raw);
  await getMachine(ctx, input.machineId);
  const productIds = [...new Set(input.slots.flatMap((s) => (s.productId ? [s.productId] : [])))];
  if (productIds.length > 0) {
    const found = await ctx.db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.orgId, ctx.orgId), inArray(products.id, productIds)));
    const missing = productIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) throw new ServiceError("NOT_FOUND", inventoryMessages.products_not_found, { productIds: missing.join(", ") });
  }
  const codes = input.slots.map((s) => s.code);
  await ctx.db
    .delete(slots)
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, input.machineId), codes.length > 0 ? notInArray(slots.code, codes) : undefined));
  if (input.slots.length > 0) {
    await ctx.db
      .insert(slots)
      .values(input.slots.map((s) => ({ id: newId("slt"), orgId: ctx.orgId, machineId: input.machineId, ...s })))
      .onConflictDoUpdate({
        target: [slots.machineId, slots.code],
        set: {
          productId: sql`excluded.product_id`,
          capacity: sql`excluded.capacity`,
          parLevel: sql`excluded.par_level`,
          priceOverrideMinor: sql`excluded.price_override_minor`,
          stock: sql`least(${slots.stock}, excluded.capacity)`,
          updatedAt: sql`now()`,
        },
      });
  }
  await recordAudit(ctx, {
    action: "planogram.updated",
    targetType: "machine",
    targetId: input.machineId,
    data: { slots: input.slots.map((s) => ({ code: s.code, productId: s.productId, capacity: s.capacity, parLevel: s.parLevel })) },
  });
  return getPlanogram(ctx, { machineId: input.machineId });
}
