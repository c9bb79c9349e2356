import "server-only";
import { z } from "zod";
import { getPublicSale, listSalePage, paymentMethods, saleStatuses, type PublicSale } from "../../sales";
import { vatOfGross } from "../../tenancy";
import { defineOperation } from "../operation";
import { currencyCode, day, idParam, instant, iso, minorAmount, pageOf, pageQuery } from "../schemas";

const failureReasons = ["dispense_failed", "jammed", "sold_out", "timeout", "other"] as const;
const refundStatuses = ["pending", "processing", "succeeded", "failed"] as const;

export const saleSchema = z
  .object({
    id: z.string(),
    machine_id: z.string(),
    location_id: z.string().nullable().meta({ description: "The machine's location when the sale was recorded" }),
    product_id: z.string().nullable().meta({ description: "Null when the slot had no product or the product was deleted" }),
    product_name: z.string().nullable().meta({ description: "An online order's product name as sold; otherwise the product's current name" }),
    product_sku: z.string().nullable(),
    slot: z.string().meta({ description: "The slot code the vend came from, e.g. A1" }),
    status: z.enum(saleStatuses).meta({ description: "succeeded: the machine dispensed; failed: it did not (see failure_reason)" }),
    failure_reason: z.enum(failureReasons).nullable(),
    occurred_at: instant().meta({ description: "When the machine vended (its clock), ISO 8601 UTC" }),
    received_at: instant().meta({ description: "When the machine's report of it reached VendOps" }),
    amount_minor: minorAmount("The price paid, VAT included, in minor units of `currency`"),
    currency: currencyCode(),
    vat_rate_bp: z.number().int().meta({ description: "The VAT rate in basis points when the sale was recorded (1900 = 19 %)" }),
    vat_minor: minorAmount("The VAT inside `amount_minor`, rounded half-up to the minor unit"),
    cost_minor: minorAmount("The product's cost when the sale was recorded"),
    payment_method: z.enum(paymentMethods),
    payment_reference: z.string().nullable().meta({ description: "The payment provider's reference (a card or online payment); null for cash and free vends" }),
    order_id: z.string().nullable().meta({ description: "The online order this vend fulfilled" }),
    consumer_id: z.string().nullable().meta({ description: "An opaque id of the consumer credited with the purchase; no personal data is exposed" }),
    inferred: z.boolean().meta({ description: "Inferred from two audit reads of a machine without telemetry, not reported vend by vend" }),
    refund: z
      .object({
        id: z.string(),
        status: z.enum(refundStatuses),
        amount_minor: minorAmount("The amount refunded, in minor units of `currency`"),
      })
      .nullable()
      .meta({ description: "The sale's refund (its own or its online order's), null when none" }),
  })
  .meta({ id: "Sale" });

/** A sale in the API's words. */
function saleBody(s: PublicSale): z.input<typeof saleSchema> {
  return {
    id: s.id,
    machine_id: s.machineId,
    location_id: s.locationId,
    product_id: s.productId,
    product_name: s.productName,
    product_sku: s.productSku,
    slot: s.slotCode,
    status: s.status,
    failure_reason: s.failureReason,
    occurred_at: s.occurredAt.toISOString(),
    received_at: iso(s.receivedAt)!,
    amount_minor: s.priceMinor,
    currency: s.currency,
    vat_rate_bp: s.vatRateBp,
    vat_minor: vatOfGross(s.priceMinor, s.vatRateBp),
    cost_minor: s.costMinor,
    payment_method: s.paymentMethod,
    payment_reference: s.paymentReference,
    order_id: s.orderId,
    consumer_id: s.consumerId,
    inferred: s.inferred,
    refund: s.refundId && s.refundStatus ? { id: s.refundId, status: s.refundStatus, amount_minor: s.refundMinor ?? 0 } : null,
  };
}

const anInstant = (description: string) =>
  z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time like 2026-12-01T09:30:00Z." }).meta({ description, example: "2026-12-01T00:00:00Z" });
const anId = (description: string) => z.string().max(64, "An id is at most 64 characters.").meta({ description });

const salesQuery = z
  .object({
    from: anInstant("Sales that occurred at or after this instant (inclusive)").optional(),
    to: anInstant("Sales that occurred before this instant (exclusive)").optional(),
    day: day()
      .optional()
      .meta({ description: "One calendar day in the org's time zone, e.g. yesterday's date for yesterday's sales. Not together with from/to." }),
    machine_id: anId("Only this machine's sales").optional(),
    location_id: anId("Only sales at this location").optional(),
    product_id: anId("Only sales of this product").optional(),
    payment_method: z.enum(paymentMethods).optional(),
    status: z.enum(saleStatuses).optional().meta({ description: "succeeded or failed vends; both when left out" }),
    ...pageQuery,
  })
  .superRefine((q, issue) => {
    if (q.day && (q.from || q.to)) issue.addIssue({ code: "custom", path: ["day"], message: "Send either day or from/to, not both." });
    if (q.from && q.to && Date.parse(q.to) <= Date.parse(q.from)) issue.addIssue({ code: "custom", path: ["to"], message: "to must be after from." });
  });

const example = {
  id: "sal_5bQ1zR8e",
  machine_id: "mch_8Jq2x0aB",
  location_id: "loc_3kT9aZ1q",
  product_id: "prd_0cX7mW2p",
  product_name: "Cola 0.33 l",
  product_sku: "COLA-033",
  slot: "A1",
  status: "succeeded",
  failure_reason: null,
  occurred_at: "2026-12-01T09:30:12.000Z",
  received_at: "2026-12-01T09:30:14.000Z",
  amount_minor: 250,
  currency: "EUR",
  vat_rate_bp: 1900,
  vat_minor: 40,
  cost_minor: 90,
  payment_method: "card",
  payment_reference: "pi_3QkZ8f2eZvKYlo2C",
  order_id: null,
  consumer_id: null,
  inferred: false,
  refund: null,
} as const;

export const listSalesOperation = defineOperation({
  id: "listSales",
  method: "GET",
  path: "/sales",
  scope: "sales:read",
  tag: "Sales",
  summary: "List sales",
  description:
    "The org's vends, succeeded and failed, oldest first (by `occurred_at`, then `id`), a page at a time. " +
    "Paging is by keyset: a sale recorded while you page comes on a later page, never twice and never shifting others. " +
    "A machine that reports late (it was offline) records sales with an earlier `occurred_at`; to collect those, page again over the recent days. " +
    "Filters combine. `day` selects one calendar day in the org's time zone (`?day=2026-11-30` is that day's sales); `from`/`to` select instants, `to` exclusive.",
  query: salesQuery,
  response: pageOf(saleSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listSalePage(ctx, {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      day: query.day,
      machineId: query.machine_id,
      locationId: query.location_id,
      productId: query.product_id,
      paymentMethod: query.payment_method,
      status: query.status,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { data: page.items.map(saleBody), next_cursor: page.nextCursor };
  },
});

export const getSaleOperation = defineOperation({
  id: "getSale",
  method: "GET",
  path: "/sales/{sale_id}",
  scope: "sales:read",
  tag: "Sales",
  summary: "Get a sale",
  params: z.object({ sale_id: idParam("The sale's id") }),
  response: saleSchema,
  examples: { response: example },
  handle: (ctx, { params }) => getPublicSale(ctx, params.sale_id).then(saleBody),
});
