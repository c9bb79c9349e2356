import "server-only";
import { z } from "zod";
import { REFUND_ORIGINS, REFUND_STATUSES, getPublicRefund, listRefundPage, type PublicRefund } from "../../payments";
import { paymentMethods } from "../../sales";
import { defineOperation } from "../operation";
import { currencyCode, idParam, instant, iso, minorAmount, pageOf, pageQuery } from "../schemas";
import { forwardRange, rangeDates, timeRangeQuery } from "./time-range";

export const refundSchema = z
  .object({
    id: z.string(),
    sale_id: z.string().nullable().meta({ description: "The sale refunded; null for an online order refunded before its vend was reported" }),
    order_id: z.string().nullable().meta({ description: "The online order refunded, if the sale was one" }),
    machine_id: z.string().nullable(),
    consumer_id: z.string().nullable().meta({ description: "An opaque id of the consumer paid back; no personal data is exposed" }),
    origin: z.enum(REFUND_ORIGINS).meta({ description: "automatic (a failed vend or an expired order), manual (a manager) or request (an approved refund request)" }),
    reason: z.string(),
    status: z.enum(REFUND_STATUSES).meta({ description: "pending (waiting to be sent), processing, succeeded (paid back) or failed (gave up after retries)" }),
    amount_minor: minorAmount(),
    currency: currencyCode(),
    payment_method: z.enum(paymentMethods),
    payment_reference: z.string().nullable().meta({ description: "The payment provider's reference of the payment refunded" }),
    provider_refund_id: z.string().nullable().meta({ description: "The payment provider's id of the refund, once sent" }),
    attempts: z.number().int(),
    next_attempt_at: instant().nullable().meta({ description: "When the refund is sent (again); null once it succeeded or failed" }),
    last_error: z.string().nullable().meta({ description: "Why the last attempt failed, as the payment provider said" }),
    created_at: instant(),
    updated_at: instant(),
  })
  .meta({ id: "Refund" });

/** A refund in the API's words. */
function refundBody(r: PublicRefund): z.input<typeof refundSchema> {
  return {
    id: r.id,
    sale_id: r.saleId,
    order_id: r.orderId,
    machine_id: r.machineId,
    consumer_id: r.consumerId,
    origin: r.origin,
    reason: r.reason,
    status: r.status,
    amount_minor: r.amountMinor,
    currency: r.currency,
    payment_method: r.paymentMethod,
    payment_reference: r.paymentReference,
    provider_refund_id: r.providerRefundId,
    attempts: r.attempts,
    next_attempt_at: r.status === "pending" || r.status === "processing" ? iso(r.nextAttemptAt) : null,
    last_error: r.lastError,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

const example = {
  id: "rfd_2Lm8sQ0v",
  sale_id: "sal_5bQ1zR8e",
  order_id: null,
  machine_id: "mch_8Jq2x0aB",
  consumer_id: null,
  origin: "automatic",
  reason: "vend_failed:jammed",
  status: "succeeded",
  amount_minor: 250,
  currency: "EUR",
  payment_method: "card",
  payment_reference: "pi_3QkZ8f2eZvKYlo2C",
  provider_refund_id: "re_3QkZ9a2eZvKYlo2C",
  attempts: 1,
  next_attempt_at: null,
  last_error: null,
  created_at: "2026-12-01T09:30:15.000Z",
  updated_at: "2026-12-01T09:30:17.000Z",
} as const;

export const listRefundsOperation = defineOperation({
  id: "listRefunds",
  method: "GET",
  path: "/refunds",
  scope: "refunds:read",
  tag: "Refunds",
  summary: "List refunds",
  description:
    "The org's refunds, oldest first (by `created_at`, then `id`), a page at a time: refunds of failed vends and expired orders, " +
    "refunds made by hand and approved refund requests. Refunds created while you page come on later pages. `from`/`to` filter on `created_at`.",
  query: z
    .object({
      status: z.enum(REFUND_STATUSES).optional(),
      origin: z.enum(REFUND_ORIGINS).optional(),
      ...timeRangeQuery,
      ...pageQuery,
    })
    .refine(...forwardRange),
  response: pageOf(refundSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listRefundPage(ctx, { status: query.status, origin: query.origin, ...rangeDates(query), limit: query.limit, cursor: query.cursor });
    return { data: page.items.map(refundBody), next_cursor: page.nextCursor };
  },
});

export const getRefundOperation = defineOperation({
  id: "getRefund",
  method: "GET",
  path: "/refunds/{refund_id}",
  scope: "refunds:read",
  tag: "Refunds",
  summary: "Get a refund",
  params: z.object({ refund_id: idParam("The refund's id") }),
  response: refundSchema,
  examples: { response: example },
  handle: (ctx, { params }) => getPublicRefund(ctx, params.refund_id).then(refundBody),
});
