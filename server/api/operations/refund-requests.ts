import "server-only";
import { z } from "zod";
import { REFUND_REQUEST_STATUSES, REJECTION_REASON_MIN_LENGTH, decideRefundRequest, getPublicRefundRequest, listRefundRequestPage, type PublicRefundRequest } from "../../consumers";
import { REFUND_STATUSES } from "../../payments";
import type { ServiceCtx } from "../../context";
import { defineOperation } from "../operation";
import { currencyCode, idParam, instant, iso, minorAmount, pageOf, pageQuery } from "../schemas";
import { forwardRange, rangeDates, timeRangeQuery } from "./time-range";

export const refundRequestSchema = z
  .object({
    id: z.string(),
    status: z.enum(REFUND_REQUEST_STATUSES).meta({ description: "pending (waits for a decision), approved (refunded) or rejected (declined)" }),
    reason: z.string().meta({ description: "What the consumer reported went wrong, in their words" }),
    decision_reason: z.string().nullable().meta({ description: "The operator's note on the decision; the consumer reads it when declined" }),
    decided_at: instant().nullable(),
    auto_approved: z.boolean().meta({ description: "Approved by the org's rule (the machine logged the vend as failed), not by a person" }),
    sale_id: z.string(),
    machine_id: z.string(),
    consumer_id: z.string().meta({ description: "An opaque id of the consumer who asked; no name, e-mail or other personal data is exposed" }),
    amount_minor: minorAmount("What the purchase cost, and what approving refunds"),
    currency: currencyCode(),
    refund: z
      .object({ id: z.string(), status: z.enum(REFUND_STATUSES) })
      .nullable()
      .meta({ description: "The refund an approval created (see GET /refunds/{refund_id}); null until approved" }),
    created_at: instant(),
  })
  .meta({ id: "RefundRequest" });

/** A refund request in the API's words. */
function requestBody(r: PublicRefundRequest): z.input<typeof refundRequestSchema> {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    decision_reason: r.decisionReason,
    decided_at: iso(r.decidedAt),
    auto_approved: r.autoApproved,
    sale_id: r.saleId,
    machine_id: r.machineId,
    consumer_id: r.consumerId,
    amount_minor: Number(r.amountMinor),
    currency: r.currency,
    refund: r.refundId && r.refundStatus ? { id: r.refundId, status: r.refundStatus } : null,
    created_at: r.createdAt.toISOString(),
  };
}

const example = {
  id: "rrq_7Hk2pX4c",
  status: "pending",
  reason: "Paid but nothing came out.",
  decision_reason: null,
  decided_at: null,
  auto_approved: false,
  sale_id: "sal_5bQ1zR8e",
  machine_id: "mch_8Jq2x0aB",
  consumer_id: "usr_9Qw3rT6y",
  amount_minor: 250,
  currency: "EUR",
  refund: null,
  created_at: "2026-12-01T09:41:00.000Z",
} as const;

const requestParams = z.object({ refund_request_id: idParam("The refund request's id") });
const readRequest = (ctx: ServiceCtx, id: string) => getPublicRefundRequest(ctx, id).then(requestBody);

export const listRefundRequestsOperation = defineOperation({
  id: "listRefundRequests",
  method: "GET",
  path: "/refund-requests",
  scope: "refunds:read",
  tag: "Refund requests",
  summary: "List refund requests",
  description:
    "Problems consumers reported on their purchases, oldest first (by `created_at`, then `id`), a page at a time. " +
    "Ask for `status=pending` to see those waiting for a decision. `from`/`to` filter on `created_at`.",
  query: z.object({ status: z.enum(REFUND_REQUEST_STATUSES).optional(), ...timeRangeQuery, ...pageQuery }).refine(...forwardRange),
  response: pageOf(refundRequestSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listRefundRequestPage(ctx, { status: query.status, ...rangeDates(query), limit: query.limit, cursor: query.cursor });
    return { data: page.items.map(requestBody), next_cursor: page.nextCursor };
  },
});

export const getRefundRequestOperation = defineOperation({
  id: "getRefundRequest",
  method: "GET",
  path: "/refund-requests/{refund_request_id}",
  scope: "refunds:read",
  tag: "Refund requests",
  summary: "Get a refund request",
  params: requestParams,
  response: refundRequestSchema,
  examples: { response: example },
  handle: (ctx, { params }) => readRequest(ctx, params.refund_request_id),
});

const decidedExample = { ...example, status: "approved", decided_at: "2026-12-01T10:02:00.000Z", refund: { id: "rfd_2Lm8sQ0v", status: "pending" } } as const;

export const approveRefundRequestOperation = defineOperation({
  id: "approveRefundRequest",
  method: "POST",
  path: "/refund-requests/{refund_request_id}/approve",
  scope: "refunds:write",
  tag: "Refund requests",
  summary: "Approve a refund request",
  description:
    "Refunds the purchase in full and tells the consumer by e-mail. The refund is sent to the payment provider within a minute; follow it at " +
    "GET /refunds/{refund_id}. A request is decided once: deciding it again answers 409. Send an `Idempotency-Key` to retry safely.",
  params: requestParams,
  body: z.object({ reason: z.string().trim().max(500, "At most 500 characters.").optional().meta({ description: "A note kept with the refund" }) }).strict(),
  response: refundRequestSchema,
  examples: { request: { reason: "Machine logged a jam." }, response: decidedExample },
  handle: async (ctx, { params, body }) => {
    await decideRefundRequest(ctx, { requestId: params.refund_request_id, decision: "approve", reason: body.reason ?? "" });
    return readRequest(ctx, params.refund_request_id);
  },
});

export const declineRefundRequestOperation = defineOperation({
  id: "declineRefundRequest",
  method: "POST",
  path: "/refund-requests/{refund_request_id}/decline",
  scope: "refunds:write",
  tag: "Refund requests",
  summary: "Decline a refund request",
  description:
    "Rejects the request with a reason the consumer reads in the e-mail telling them. A request is decided once: deciding it again answers 409. " +
    "Send an `Idempotency-Key` to retry safely.",
  params: requestParams,
  body: z
    .object({
      reason: z
        .string()
        .trim()
        .min(REJECTION_REASON_MIN_LENGTH, `Tell the consumer why (at least ${REJECTION_REASON_MIN_LENGTH} characters).`)
        .max(500, "At most 500 characters.")
        .meta({ description: "Why, for the consumer" }),
    })
    .strict(),
  response: refundRequestSchema,
  examples: {
    request: { reason: "The machine logged a successful vend." },
    response: { ...example, status: "rejected", decision_reason: "The machine logged a successful vend.", decided_at: "2026-12-01T10:02:00.000Z" },
  },
  handle: async (ctx, { params, body }) => {
    await decideRefundRequest(ctx, { requestId: params.refund_request_id, decision: "reject", reason: body.reason });
    return readRequest(ctx, params.refund_request_id);
  },
});
