import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { newId } from "~/db/ids";
import { products, slots } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { ServiceError } from "../errors";
import { getMachine } from "~/server/fleet";
import { recordAudit } from "~/server/tenancy";

export const slotInput = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{1,8}$/, "A slot code is 1 to 8 letters or digits, such as A1."),
    productId: z.string().min(1).max(64).nullable(),
    capacity: z.number().int().min(1, "Capacity is at least 1.").max(999, "Capacity is at most 999."),
    parLevel: z.number().int().min(0, "Par level cannot be negative."),
    priceOverrideMinor: z.number().int().min(0).max(100_000_000).nullable().default(null),
  })
  .refine((s) => s.parLevel <= s.capacity, { message: "Par level cannot exceed capacity.", path: ["parLevel"] });

export const setPlanogramInput = z.object({
  machineId: z.string().min(1).max(64),
  slots: z
    .array(slotInput)
    .max(200, "A machine has at most 200 slots.")
    .refine((list) => new Set(list.map((s) => s.code)).size === list.length, "Each slot code may appear once."),
});

/** The machine's slots with their product, price and live stock. */
export async function getPlanogram(ctx: ServiceCtx, machineId: string) {
  await getMachine(ctx, machineId);
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
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, machineId)))
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
    if (missing.length > 0) throw new ServiceError("NOT_FOUND", `Product not found: ${missing.join(", ")}`);
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
  return getPlanogram(ctx, input.machineId);
}
