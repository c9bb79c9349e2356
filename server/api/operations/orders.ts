import "server-only";
import { z } from "zod";
import { ORDER_STATUSES, REFUND_STATUSES, getPublicOrder, listOrderPage, type PublicOrder } from "../../payments";
import { paymentMethods } from "../../sales";
import { vatOfGross } from "../../tenancy";
import { defineOperation } from "../operation";
import { currencyCode, idParam, instant, iso, minorAmount, pageOf, pageQuery } from "../schemas";
import { forwardRange, rangeDates, timeRangeQuery } from "./time-range";

export const orderSchema = z
  .object({
    id: z.string(),
    machine_id: z.string(),
    slot: z.string(),
    product_id: z.string().nullable(),
    product_name: z.string().meta({ description: "The product's name when the order was placed" }),
    amount_minor: minorAmount("The price, VAT included"),
    currency: currencyCode(),
    vat_rate_bp: z.number().int().meta({ description: "The VAT rate in basis points when the order was placed" }),
    vat_minor: minorAmount("The VAT inside `amount_minor`"),
    status: z
      .enum(ORDER_STATUSES)
      .meta({ description: "awaiting_payment -> paid (the machine is told to vend) -> dispensed or failed (refunded); paid -> expired (not vended in time, refunded); awaiting_payment -> canceled" }),
    provider: z.string().meta({ description: "The payment provider, e.g. stripe" }),
    payment_method: z.enum(paymentMethods).nullable(),
    payment_reference: z.string().nullable().meta({ description: "The payment provider's reference of the payment, once paid" }),
    consumer_id: z
      .string()
      .nullable()
      .meta({ description: "An opaque id of the signed-in consumer, null for a guest. Left out: the consumer's personal data, the checkout session and link, and the machine's vend command." }),
    sale_id: z.string().nullable().meta({ description: "The sale the machine recorded when it vended the order" }),
    failure_reason: z.string().nullable(),
    checkout_expires_at: instant().meta({ description: "Until when the order could be paid" }),
    paid_at: instant().nullable(),
    completed_at: instant().nullable().meta({ description: "When the order ended: dispensed, failed, expired or canceled" }),
    refund: z
      .object({ id: z.string(), status: z.enum(REFUND_STATUSES) })
      .nullable()
      .meta({ description: "The order's refund, if it was paid for nothing or refunded later" }),
    created_at: instant(),
    updated_at: instant(),
  })
  .meta({ id: "Order" });

/** An order in the API's words. */
function orderBody(o: PublicOrder): z.input<typeof orderSchema> {
  return {
    id: o.id,
    machine_id: o.machineId,
    slot: o.slotCode,
    product_id: o.productId,
    product_name: o.productName,
    amount_minor: o.amountMinor,
    currency: o.currency,
    vat_rate_bp: o.vatRateBp,
    vat_minor: vatOfGross(o.amountMinor, o.vatRateBp),
    status: o.status,
    provider: o.provider,
    payment_method: o.paymentMethod,
    payment_reference: o.paymentReference,
    consumer_id: o.consumerId,
    sale_id: o.saleId,
    failure_reason: o.failureReason,
    checkout_expires_at: o.checkoutExpiresAt.toISOString(),
    paid_at: iso(o.paidAt),
    completed_at: iso(o.completedAt),
    refund: o.refundId && o.refundStatus ? { id: o.refundId, status: o.refundStatus } : null,
    created_at: o.createdAt.toISOString(),
    updated_at: o.updatedAt.toISOString(),
  };
}

const example = {
  id: "ord_Vt0q8ZkL2mYp4xNc",
  machine_id: "mch_8Jq2x0aB",
  slot: "A1",
  product_id: "prd_0cX7mW2p",
  product_name: "Cola 0.33 l",
  amount_minor: 250,
  currency: "EUR",
  vat_rate_bp: 1900,
  vat_minor: 40,
  status: "dispensed",
  provider: "stripe",
  payment_method: "card",
  payment_reference: "pi_3QkZ8f2eZvKYlo2C",
  consumer_id: null,
  sale_id: "sal_5bQ1zR8e",
  failure_reason: null,
  checkout_expires_at: "2026-12-01T10:00:00.000Z",
  paid_at: "2026-12-01T09:30:40.000Z",
  completed_at: "2026-12-01T09:30:52.000Z",
  refund: null,
  created_at: "2026-12-01T09:30:00.000Z",
  updated_at: "2026-12-01T09:30:52.000Z",
} as const;

export const listOrdersOperation = defineOperation({
  id: "listOrders",
  method: "GET",
  path: "/orders",
  scope: "orders:read",
  tag: "Orders",
  summary: "List online orders",
  description:
    "Orders consumers placed on machines' checkout pages, oldest first (by `created_at`, then `id`), a page at a time. " +
    "Orders placed while you page come on later pages. `from`/`to` filter on `created_at`.",
  query: z
    .object({
      status: z.enum(ORDER_STATUSES).optional(),
      machine_id: z.string().max(64, "An id is at most 64 characters.").optional().meta({ description: "Only this machine's orders" }),
      ...timeRangeQuery,
      ...pageQuery,
    })
    .refine(...forwardRange),
  response: pageOf(orderSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listOrderPage(ctx, { status: query.status, machineId: query.machine_id, ...rangeDates(query), limit: query.limit, cursor: query.cursor });
    return { data: page.items.map(orderBody), next_cursor: page.nextCursor };
  },
});

export const getOrderOperation = defineOperation({
  id: "getOrder",
  method: "GET",
  path: "/orders/{order_id}",
  scope: "orders:read",
  tag: "Orders",
  summary: "Get an online order",
  params: z.object({ order_id: idParam("The order's id") }),
  response: orderSchema,
  examples: { response: example },
  handle: (ctx, { params }) => getPublicOrder(ctx, params.order_id).then(orderBody),
});
