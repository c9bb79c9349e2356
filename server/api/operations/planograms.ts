import "server-only";
import { z } from "zod";
import type { ServiceCtx } from "../../context";
import { ServiceError } from "../../errors";
import { MAX_MINOR } from "../../catalog";
import { getPlanogram, getSlot, updateSlot } from "../../inventory";
import { getOrganization } from "../../tenancy";
import { defineOperation } from "../operation";
import { currencyCode, idParam, instant, iso, minorAmount } from "../schemas";

const slotFields = {
  code: z.string().meta({ description: "The slot's code on the machine, e.g. A1" }),
  product_id: z.string().nullable().meta({ description: "The product the slot holds; null for an empty slot" }),
  product_name: z.string().nullable(),
  product_sku: z.string().nullable(),
  price_minor: minorAmount("The price the slot sells at, in minor units of `currency`: the slot's own price, or else its product's").nullable(),
  price_override_minor: minorAmount("The slot's own price; null when the slot sells at its product's price").nullable(),
  currency: currencyCode(),
  capacity: z.number().int().meta({ description: "Units the slot holds when full" }),
  par_level: z.number().int().meta({ description: "Below this many units the slot is due for a refill" }),
};

export const slotSchema = z.object(slotFields).meta({ id: "Slot", description: "A slot's settings. Its ETag covers these only, not the stock, so vends between your read and your change do not refuse it." });

export const planogramSlotSchema = z
  .object({
    ...slotFields,
    stock: z.number().int().meta({ description: "Units in the slot now, as counted at the last refill less the vends since" }),
    stock_counted_at: instant().nullable().meta({ description: "When the stock was last counted at a refill" }),
  })
  .meta({ id: "PlanogramSlot" });

export const planogramSchema = z
  .object({
    machine_id: z.string(),
    currency: currencyCode(),
    slots: z.array(planogramSlotSchema).meta({ description: "In the order of their codes" }),
  })
  .meta({ id: "Planogram" });

type InventorySlot = Awaited<ReturnType<typeof getSlot>>;

/** A slot's settings in the API's words. */
function slotBody(s: InventorySlot, currency: string): z.input<typeof slotSchema> {
  return {
    code: s.code,
    product_id: s.productId,
    product_name: s.productName,
    product_sku: s.productSku,
    price_minor: s.priceMinor === null ? null : Number(s.priceMinor),
    price_override_minor: s.priceOverrideMinor,
    currency,
    capacity: s.capacity,
    par_level: s.parLevel,
  };
}

const orgCurrency = async (ctx: ServiceCtx) => (await getOrganization(ctx)).currency;
const slotCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,8}$/, "A slot code is 1 to 8 letters or digits, such as A1.")
  .transform((code) => code.toUpperCase())
  .meta({ description: "The slot's code, e.g. A1 (letters match either case)", example: "A1" });
const machineParams = z.object({ machine_id: idParam("The machine's id") });
const slotParams = machineParams.extend({ slot: slotCode });
const readSlot = async (ctx: ServiceCtx, params: { machine_id: string; slot: string }) =>
  slotBody(await getSlot(ctx, { machineId: params.machine_id, code: params.slot }), await orgCurrency(ctx));

/** The service's field names as the API spells them, so `errors` names what the request sent. */
const apiField: Record<string, string> = { productId: "product_id", parLevel: "par_level", priceOverrideMinor: "price_minor" };
async function withApiFields<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ServiceError) || !error.fieldErrors) throw error;
    const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [apiField[k] ?? k, v]));
    throw Object.assign(error, { fieldErrors });
  }
}

const exampleSlot = {
  code: "A1",
  product_id: "prd_5mWq2rTz",
  product_name: "Cola 0.33 l",
  product_sku: "COLA-033",
  price_minor: 250,
  price_override_minor: null,
  currency: "EUR",
  capacity: 10,
  par_level: 5,
} as const;

export const getPlanogramOperation = defineOperation({
  id: "getPlanogram",
  method: "GET",
  path: "/machines/{machine_id}/planogram",
  scope: "planograms:read",
  tag: "Planograms",
  summary: "Get a machine's planogram",
  description: "The machine's slots with their product, the price each sells at, capacity, par level and stock now.",
  params: machineParams,
  response: planogramSchema,
  examples: {
    response: {
      machine_id: "mch_8Jq2x0aB",
      currency: "EUR",
      slots: [
        { ...exampleSlot, stock: 7, stock_counted_at: "2026-12-01T07:12:00.000Z" },
        { ...exampleSlot, code: "A2", product_id: "prd_0c1Vb7Lk", product_name: "Water 0.5 l", product_sku: "WATER-05", price_minor: 120, price_override_minor: 120, stock: 3, stock_counted_at: "2026-12-01T07:12:00.000Z" },
      ],
    },
  },
  handle: async (ctx, { params }) => {
    const slots = await getPlanogram(ctx, { machineId: params.machine_id });
    const currency = await orgCurrency(ctx);
    return {
      machine_id: params.machine_id,
      currency,
      slots: slots.map((s) => ({ ...slotBody(s, currency), stock: s.stock, stock_counted_at: iso(s.stockCountedAt) })),
    };
  },
});

export const getSlotOperation = defineOperation({
  id: "getSlot",
  method: "GET",
  path: "/machines/{machine_id}/planogram/slots/{slot}",
  scope: "planograms:read",
  tag: "Planograms",
  summary: "Get a slot",
  description: "One slot's settings, with the `ETag` to send as `If-Match` when you change it.",
  params: slotParams,
  response: slotSchema,
  examples: { response: exampleSlot },
  handle: (ctx, { params }) => readSlot(ctx, params),
});

export const updateSlotOperation = defineOperation({
  id: "updateSlot",
  method: "PATCH",
  path: "/machines/{machine_id}/planogram/slots/{slot}",
  scope: "planograms:write",
  tag: "Planograms",
  summary: "Change a slot's price, product, capacity or par level",
  description: [
    "Changes the fields sent; the others stay. This is how you change the price of one slot of one machine:",
    "send `{\"price_minor\": 180}` to sell at 1.80 in the org's currency, or `{\"price_minor\": null}` to sell at the product's price again",
    "(`PATCH /products/{product_id}` and `POST /products/price-changes` change a product's price for every slot without its own).",
    "\n\nThe price applies at once: online orders on the machine's pay page are charged it, and the app shows it. A machine's own",
    "price display is set on the machine; the price a vend was charged comes back in its sale.",
    "\n\nTo change safely, read the slot (`GET` the same path), then send its `ETag` as `If-Match`: if anyone changed the slot",
    "or its product's price since, the answer is 412 and nothing changes; read again and reapply. The slot's stock stays",
    "(capped at a lower capacity). The change is in the audit log with the key as the actor.",
    "\n\n```\ncurl -X PATCH https://vendops.app/api/v1/machines/mch_8Jq2x0aB/planogram/slots/A1 \\\n  -H \"Authorization: Bearer $VENDOPS_KEY\" -H 'Content-Type: application/json' \\\n  -H 'If-Match: \"<etag from GET>\"' -d '{\"price_minor\": 180}'\n```",
  ].join(" "),
  params: slotParams,
  body: z
    .object({
      price_minor: z
        .number("Send price_minor as a whole number of minor units, or null.")
        .int("Send price_minor as a whole number of minor units (cents).")
        .min(0, "A price cannot be negative.")
        .max(MAX_MINOR, `A price is at most ${MAX_MINOR}.`)
        .nullable()
        .optional()
        .meta({ description: "The slot's own price in minor units of the org's currency; null to sell at the product's price" }),
      product_id: z.string().min(1).max(64).nullable().optional().meta({ description: "A product of the org, or null to empty the slot" }),
      capacity: z.number().int().min(1, "Capacity is at least 1.").max(999, "Capacity is at most 999.").optional(),
      par_level: z.number().int().min(0, "Par level cannot be negative.").max(999, "Par level is at most 999.").optional().meta({ description: "At most the capacity" }),
    })
    .strict(),
  response: slotSchema,
  current: (ctx, { params }) => readSlot(ctx, params),
  examples: { request: { price_minor: 180 }, response: { ...exampleSlot, price_minor: 180, price_override_minor: 180 } },
  handle: async (ctx, { params, body }) => {
    const slot = await withApiFields(() =>
      updateSlot(ctx, {
        machineId: params.machine_id,
        code: params.slot,
        productId: body.product_id,
        capacity: body.capacity,
        parLevel: body.par_level,
        priceOverrideMinor: body.price_minor,
      }),
    );
    return slotBody(slot, await orgCurrency(ctx));
  },
});
