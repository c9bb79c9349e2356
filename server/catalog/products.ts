import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { newId } from "~/db/ids";
import { products } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { recordAudit } from "~/server/tenancy";

const minor = (what: string) =>
  z.number(`Enter the ${what}.`).int(`Enter the ${what} in minor units (cents), a whole number.`).min(0, `The ${what} cannot be negative.`).max(100_000_000);

export const productInput = z.object({
  sku: z.string().trim().min(1, "Enter a SKU.").max(64, "Use at most 64 characters.").regex(/^[A-Za-z0-9._-]+$/, "Use letters, digits, dots, dashes and underscores."),
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  category: z.string().trim().max(60, "Use at most 60 characters.").default(""),
  priceMinor: minor("price"),
  costMinor: minor("cost").default(0),
  imageUrl: z.union([z.literal(""), z.url("Enter a full URL starting with https://")]).nullable().default(null),
  active: z.boolean().default(true),
});

const skuTaken = () =>
  new ServiceError("CONFLICT", "Another product already has this SKU.", { fieldErrors: { sku: ["Another product already has this SKU."] } });

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

export const updateProductInput = productInput.extend({ productId: z.string().min(1).max(64) });

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
