import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { products } from "~/db/schema";
import { recordAudit } from "~/server/tenancy";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { catalogMessages, productInput, updateProductInput } from "./contract";

const skuTaken = () => new ServiceError("CONFLICT", catalogMessages.sku_taken, {}, { field: "sku" });

export async function createProduct(ctx: ServiceCtx, raw: z.input<typeof productInput>) {
  const input = productInput.parse(raw);
  const [product] = await ctx.db
    .insert(products)
    .values({ id: newId("prd"), orgId: ctx.orgId, ...input, imageUrl: input.imageUrl || null })
    .onConflictDoNothing()
    .returning();
  if (!product) throw skuTaken();
  await recordAudit(ctx, { action: "product.created", targetType: "product", targetId: product.id, data: { sku: input.sku, name: input.name } });
  return product;
}

export async function updateProduct(ctx: ServiceCtx, raw: z.input<typeof updateProductInput>) {
  const { productId, ...input } = updateProductInput.parse(raw);
  const [before] = await ctx.db.select().from(products).where(and(eq(products.id, productId), eq(products.orgId, ctx.orgId)));
  if (!before) throw notFound("Product");
  const [product] = await ctx.db
    .update(products)
    .set({ ...input, imageUrl: input.imageUrl || null })
    .where(and(eq(products.id, productId), eq(products.orgId, ctx.orgId)))
    .returning()
    .catch((error: unknown) => {
      if (String((error as { cause?: unknown }).cause ?? error).includes("products_org_sku_key")) throw skuTaken();
      throw error;
    });
  const changed = Object.fromEntries(
    (Object.keys(input) as (keyof typeof input)[])
      .filter((k) => before[k] !== product![k])
      .map((k) => [k, { from: before[k], to: product![k] }]),
  );
  await recordAudit(ctx, { action: "product.updated", targetType: "product", targetId: productId, data: changed });
  return product!;
}

export async function listProducts(ctx: ServiceCtx) {
  return ctx.db.select().from(products).where(eq(products.orgId, ctx.orgId)).orderBy(asc(products.name));
}
