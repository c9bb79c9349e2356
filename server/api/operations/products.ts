import "server-only";
import { z } from "zod";
import type { ServiceCtx } from "../../context";
import { MAX_MINOR, changePrices, createProduct, getProduct, listProductPage, productInput, updateProduct } from "../../catalog";
import { getOrganization } from "../../tenancy";
import { defineOperation } from "../operation";
import { currencyCode, idParam, instant, minorAmount, pageOf, pageQuery } from "../schemas";

export const productSchema = z
  .object({
    id: z.string(),
    sku: z.string().meta({ description: "The org's own code for the product, unique in the org" }),
    name: z.string(),
    category: z.string().meta({ description: "Free text; empty when none" }),
    price_minor: minorAmount("The default price in minor units of `currency`: every slot holding the product sells at it unless the slot has its own price"),
    cost_minor: minorAmount("What one unit costs the operator, in minor units of `currency`"),
    currency: currencyCode().meta({ description: "The org's currency, in which prices and costs are kept" }),
    vat_rate_bp: z.number().int().nullable().meta({ description: "VAT rate in basis points (700 = 7 %); null: the org's default rate" }),
    image_url: z.string().nullable(),
    active: z.boolean().meta({ description: "Inactive products stay in history but are no longer offered" }),
    created_at: instant(),
  })
  .meta({ id: "Product" });

type CatalogProduct = Awaited<ReturnType<typeof getProduct>>;

/** A product in the API's words. */
function productBody(p: CatalogProduct, currency: string): z.input<typeof productSchema> {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    category: p.category,
    price_minor: p.priceMinor,
    cost_minor: p.costMinor,
    currency,
    vat_rate_bp: p.vatRateBp,
    image_url: p.imageUrl,
    active: p.active,
    created_at: p.createdAt.toISOString(),
  };
}

const orgCurrency = async (ctx: ServiceCtx) => (await getOrganization(ctx)).currency;
const productParams = z.object({ product_id: idParam("The product's id") });
const readProduct = async (ctx: ServiceCtx, params: { product_id: string }) => productBody(await getProduct(ctx, params.product_id), await orgCurrency(ctx));

// The fields as the app's product form checks them.
const fields = productInput.shape;
const vatRate = fields.vatRateBp.unwrap().nullable().meta({ description: "VAT rate in basis points (700 = 7 %); null: the org's default rate" });
const imageUrl = fields.imageUrl.unwrap().meta({ description: "An https URL of the product's picture; null or \"\" for none" });

const example = {
  id: "prd_5mWq2rTz",
  sku: "COLA-033",
  name: "Cola 0.33 l",
  category: "Drinks",
  price_minor: 250,
  cost_minor: 90,
  currency: "EUR",
  vat_rate_bp: 700,
  image_url: null,
  active: true,
  created_at: "2026-03-14T10:00:00.000Z",
} as const;

export const listProducts = defineOperation({
  id: "listProducts",
  method: "GET",
  path: "/products",
  scope: "products:read",
  tag: "Products",
  summary: "List products",
  description: "The org's catalog, oldest first, a page at a time; `category` and `active` narrow it.",
  query: z.object({
    ...pageQuery,
    category: z.string().max(60, "A category is at most 60 characters.").optional().meta({ description: "Only products of this category (exact match)" }),
    active: z.enum(["true", "false"], "Send active as true or false.").optional().meta({ description: "Only active (true) or inactive (false) products" }),
  }),
  response: pageOf(productSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listProductPage(ctx, {
      limit: query.limit,
      cursor: query.cursor,
      category: query.category,
      active: query.active === undefined ? undefined : query.active === "true",
    });
    const currency = await orgCurrency(ctx);
    return { data: page.items.map((p) => productBody(p, currency)), next_cursor: page.nextCursor };
  },
});

export const getProductOperation = defineOperation({
  id: "getProduct",
  method: "GET",
  path: "/products/{product_id}",
  scope: "products:read",
  tag: "Products",
  summary: "Get a product",
  params: productParams,
  response: productSchema,
  examples: { response: example },
  handle: (ctx, { params }) => readProduct(ctx, params),
});

export const createProductOperation = defineOperation({
  id: "createProduct",
  method: "POST",
  path: "/products",
  scope: "products:write",
  tag: "Products",
  summary: "Create a product",
  description:
    "Adds a product to the catalog. A SKU the org already uses is refused with 409. Send an `Idempotency-Key` to create it only once however often the request is repeated.",
  body: z
    .object({
      sku: fields.sku,
      name: fields.name,
      category: fields.category,
      price_minor: fields.priceMinor.meta({ description: "The default price in minor units of the org's currency" }),
      cost_minor: fields.costMinor,
      vat_rate_bp: vatRate.optional(),
      image_url: imageUrl.optional(),
      active: fields.active,
    })
    .strict(),
  response: productSchema,
  status: 201,
  examples: {
    request: { sku: "COLA-033", name: "Cola 0.33 l", category: "Drinks", price_minor: 250, cost_minor: 90, vat_rate_bp: 700 },
    response: example,
  },
  handle: async (ctx, { body }) => {
    const product = await createProduct(ctx, {
      sku: body.sku,
      name: body.name,
      category: body.category,
      priceMinor: body.price_minor,
      costMinor: body.cost_minor,
      vatRateBp: body.vat_rate_bp ?? null,
      imageUrl: body.image_url ?? null,
      active: body.active,
    });
    return productBody(product, await orgCurrency(ctx));
  },
});

export const updateProductOperation = defineOperation({
  id: "updateProduct",
  method: "PATCH",
  path: "/products/{product_id}",
  scope: "products:write",
  tag: "Products",
  summary: "Change a product",
  description:
    "Changes the fields sent; the others stay. A new `price_minor` is the price of every slot holding the product that has no price of its own (see `PATCH /machines/{machine_id}/planogram/slots/{slot}` for one slot). Send `If-Match` with the ETag you read to refuse the change if someone changed the product since.",
  params: productParams,
  body: z
    .object({
      sku: fields.sku.optional(),
      name: fields.name.optional(),
      category: z.string().trim().max(60, "Use at most 60 characters.").optional(),
      price_minor: fields.priceMinor.optional(),
      cost_minor: fields.costMinor.unwrap().optional(),
      vat_rate_bp: vatRate.optional(),
      image_url: imageUrl.optional(),
      active: z.boolean().optional(),
    })
    .strict(),
  response: productSchema,
  current: (ctx, { params }) => readProduct(ctx, params),
  examples: { request: { price_minor: 270, active: true }, response: { ...example, price_minor: 270 } },
  handle: async (ctx, { params, body }) => {
    const now = await getProduct(ctx, params.product_id);
    await updateProduct(ctx, {
      productId: now.id,
      sku: body.sku ?? now.sku,
      name: body.name ?? now.name,
      category: body.category ?? now.category,
      priceMinor: body.price_minor ?? now.priceMinor,
      costMinor: body.cost_minor ?? now.costMinor,
      vatRateBp: body.vat_rate_bp,
      imageUrl: body.image_url === undefined ? now.imageUrl : body.image_url,
      active: body.active ?? now.active,
    });
    return readProduct(ctx, params);
  },
});

const priceChangeSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("set"), price_minor: z.number().int().min(0).max(MAX_MINOR).meta({ description: "The new price, in minor units" }) }).strict(),
    z
      .object({ kind: z.literal("percent"), percent: z
          .number()
          .min(-100, "A price can go down by at most 100%.")
          .max(1000, "Use at most 1000%.")
          .refine((p) => p !== 0, "Enter a change other than 0%.")
          .refine((p) => Number.isInteger(Math.round(p * 1e6) / 1e4), "Use at most two decimals.")
          .meta({ description: "Up or down by this percentage (two decimals at most); rounds to the nearest minor unit, halves up" }) })
      .strict(),
    z.object({ kind: z.literal("amount"), amount_minor: z
          .number()
          .int()
          .min(-MAX_MINOR)
          .max(MAX_MINOR)
          .refine((a) => a !== 0, "Enter an amount other than 0.")
          .meta({ description: "Up (positive) or down (negative) by this amount" }) }).strict(),
  ])
  .meta({ id: "PriceChange", description: "How each product's new price follows from the price you saw" });

export const changeProductPrices = defineOperation({
  id: "changeProductPrices",
  method: "POST",
  path: "/products/price-changes",
  scope: "products:write",
  tag: "Products",
  summary: "Change the prices of several products",
  description: [
    "Sets a new price, or moves prices by a percentage or an amount, for up to 200 products at once, all or none, like the catalog's bulk price change in the app. Send each product with the `price_minor` you last read:",
    "a product already at its new price (the same change sent again) is left alone, and one whose price moved since is refused with 409. A new price below 0 or above 100000000 is refused with 400.",
    "Without `price_minor` the change applies to the price as it is now; send an `Idempotency-Key` then, so a repeated request does not raise a price twice.",
    "Every slot holding a product sells at the new price unless the slot has its own price. Each changed product is in the audit log with the key as the actor.",
  ].join(" "),
  body: z
    .object({
      products: z
        .array(
          z
            .object({
              product_id: z.string().min(1).max(64),
              price_minor: z
                .number()
                .int()
                .optional()
                .meta({ description: "The price you last read: the change is refused (409) if the price has moved since. Left out, the change applies to the price as it is now." }),
            })
            .strict(),
        )
        .min(1, "Choose at least one product.")
        .max(200, "Change at most 200 products at once.")
        .refine((list) => new Set(list.map((p) => p.product_id)).size === list.length, "Each product may be sent once."),
      change: priceChangeSchema,
    })
    .strict(),
  response: z
    .object({
      changed: z.number().int().meta({ description: "Products whose price changed" }),
      unchanged: z.number().int().meta({ description: "Products already at their new price" }),
      data: z.array(productSchema).meta({ description: "The products as they are now, in the order sent" }),
    })
    .meta({ id: "PriceChangeResult" }),
  examples: {
    request: { products: [{ product_id: "prd_5mWq2rTz" }], change: { kind: "set", price_minor: 270 } },
    response: { changed: 1, unchanged: 0, data: [{ ...example, price_minor: 270 }] },
  },
  handle: async (ctx, { body }) => {
    const { change } = body;
    const seen = [];
    for (const p of body.products) seen.push({ productId: p.product_id, priceMinor: p.price_minor ?? (await getProduct(ctx, p.product_id)).priceMinor });
    const result = await changePrices(ctx, {
      products: seen,
      change:
        change.kind === "set"
          ? { kind: "set", priceMinor: change.price_minor }
          : change.kind === "amount"
            ? { kind: "amount", amountMinor: change.amount_minor }
            : { kind: "percent", percent: change.percent },
    });
    const currency = await orgCurrency(ctx);
    const data = [];
    for (const p of body.products) data.push(productBody(await getProduct(ctx, p.product_id), currency));
    return { changed: result.changed, unchanged: result.unchanged, data };
  },
});
