import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { products, slots } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { ServiceError } from "~/server/errors";
import { getMachine } from "~/server/fleet";
import { recordAudit } from "~/server/tenancy";
import { inventoryMessages, updateSlotInput } from "./contract";
import { getPlanogram } from "./planogram";

const slotNotFound = (slot: string) => new ServiceError("NOT_FOUND", inventoryMessages.slot_not_in_planogram, { slot });

/** One slot of a machine's planogram, as `getPlanogram` lists it; a slot the machine lacks is not found. */
export async function getSlot(ctx: ServiceCtx, input: { machineId: string; code: string }) {
  const slot = (await getPlanogram(ctx, { machineId: input.machineId })).find((s) => s.code === input.code);
  if (!slot) throw slotNotFound(input.code);
  return slot;
}

/**
 * Changes one slot of a machine's planogram (its product, capacity, par level or own price) and
 * leaves the others alone, so two people changing two slots never undo each other. Stock stays,
 * capped at the capacity. A slot's own price wins over its product's; null follows the product.
 */
export async function updateSlot(ctx: ServiceCtx, raw: z.input<typeof updateSlotInput>) {
  const { machineId, code, ...change } = updateSlotInput.parse(raw);
  await getMachine(ctx, machineId);
  const [before] = await ctx.db
    .select()
    .from(slots)
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, machineId), eq(slots.code, code)))
    .for("update");
  if (!before) throw slotNotFound(code);
  if (change.productId) {
    const [product] = await ctx.db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.orgId, ctx.orgId), eq(products.id, change.productId)));
    if (!product) throw new ServiceError("NOT_FOUND", inventoryMessages.products_not_found, { productIds: change.productId }, { field: "productId" });
  }
  const after = {
    productId: change.productId === undefined ? before.productId : change.productId,
    capacity: change.capacity ?? before.capacity,
    parLevel: change.parLevel ?? before.parLevel,
    priceOverrideMinor: change.priceOverrideMinor === undefined ? before.priceOverrideMinor : change.priceOverrideMinor,
  };
  if (after.parLevel > after.capacity) {
    throw new ServiceError("BAD_REQUEST", inventoryMessages.par_over_capacity, { slot: code, parLevel: after.parLevel, capacity: after.capacity }, { field: "parLevel" });
  }
  const changed = Object.fromEntries(
    (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
  );
  if (Object.keys(changed).length > 0) {
    await ctx.db
      .update(slots)
      .set({ ...after, stock: sql`least(${slots.stock}, ${after.capacity}::integer)`, updatedAt: sql`now()` })
      .where(and(eq(slots.orgId, ctx.orgId), eq(slots.id, before.id)));
    await recordAudit(ctx, {
      action: "planogram.updated",
      targetType: "machine",
      targetId: machineId,
      data: { slots: [{ code, ...after }], changed },
    });
  }
  return getSlot(ctx, { machineId, code });
}
