import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { machines, orders, products, refundRequests, refunds, sales } from "~/db/schema";
import { withConsumer, withTenant } from "~/db/tenant";
import { consumerContext, type ConsumerCtx, type ServiceCtx } from "../context";
import { ServiceError, fieldError, notFound } from "../errors";
import { queueIntegratorEvent } from "~/server/notifications";
import { recordAudit } from "~/server/tenancy";
import { REJECTION_REASON_MIN_LENGTH, consumersMessages, decideRequestInput, listRefundRequestsInput, reportProblemInput } from "./contract";
import { describeSales } from "./purchases";
import { requestEvidence } from "./request-evidence";
import { applyAutoApproval } from "./request-rules";
import { refundSale } from "./sale-refunds";

/**
 * "Report a problem" on a purchase: a refund request the operator's managers decide on. The
 * purchase is read through the consumer's own path, so only their own can be reported; one
 * request per purchase (a unique key). The org's rule may approve it at once (`applyAutoApproval`);
 * the caller then e-mails the decision (`sendDecisionMails`) after this commits.
 */
export async function reportProblem(ctx: ConsumerCtx, raw: z.input<typeof reportProblemInput>) {
  const input = reportProblemInput.parse(raw);
  const { db, consumerId } = ctx;
  const [sale] = await withConsumer(db, consumerId, (tx) =>
    tx
      .select({ id: sales.id, orgId: sales.orgId, machineId: sales.machineId, status: sales.status, priceMinor: sales.priceMinor, currency: sales.currency, refundId: refunds.id })
      .from(sales)
      .leftJoin(refunds, sql`${refunds.saleId} = ${sales.id} or (${sales.orderId} is not null and ${refunds.orderId} = ${sales.orderId})`)
      .where(and(eq(sales.id, input.saleId), eq(sales.consumerId, consumerId))),
  );
  if (!sale) throw notFound("Purchase");
  if (sale.refundId) throw new ServiceError("CONFLICT", consumersMessages.purchase_being_refunded);
  return withTenant(db, { orgId: sale.orgId, userId: consumerId }, async (tx) => {
    const ctx = consumerContext(tx, { orgId: sale.orgId, consumerId });
    const [request] = await tx
      .insert(refundRequests)
      .values({ id: newId("rrq"), orgId: sale.orgId, consumerId, saleId: sale.id, reason: input.reason })
      .onConflictDoNothing()
      .returning();
    if (!request) throw new ServiceError("CONFLICT", consumersMessages.problem_already_reported);
    await recordAudit(ctx, {
      action: "refund_request.created",
      targetType: "refund_request",
      targetId: request.id,
      data: { saleId: sale.id },
    });
    const decided = await applyAutoApproval(ctx, request);
    await queueIntegratorEvent(ctx, {
      type: "refund.requested",
      data: {
        refund_request_id: decided.id,
        sale_id: sale.id,
        machine_id: sale.machineId,
        reason: decided.reason,
        status: decided.status === "approved" ? "approved" : "pending",
        amount_minor: sale.priceMinor,
        currency: sale.currency,
        requested_at: decided.createdAt.toISOString(),
      },
    });
    return decided;
  });
}

/** The consumer's requests, newest first, with what was bought and the operator's decision. */
export async function listMyRequests(ctx: ConsumerCtx) {
  const { db, consumerId } = ctx;
  const rows = await withConsumer(db, consumerId, (tx) =>
    tx
      .select({
        id: refundRequests.id,
        saleId: refundRequests.saleId,
        reason: refundRequests.reason,
        status: refundRequests.status,
        decisionReason: refundRequests.decisionReason,
        decidedAt: refundRequests.decidedAt,
        createdAt: refundRequests.createdAt,
        refundStatus: refunds.status,
      })
      .from(refundRequests)
      .leftJoin(refunds, eq(refunds.id, refundRequests.refundId))
      .where(eq(refundRequests.consumerId, consumerId))
      .orderBy(desc(refundRequests.createdAt)),
  );
  const bought = await describeSales(ctx, { saleIds: rows.map((r) => r.saleId) });
  return rows.map((r) => {
    const p = bought.get(r.saleId);
    return {
      ...r,
      purchase: p ? { product: p.product, machineName: p.machineName, location: p.location, operator: p.operator, amountMinor: p.amountMinor, currency: p.currency, occurredAt: p.occurredAt } : null,
    };
  });
}

/**
 * The operator's queue of refund requests: pending first, then the decided, newest first. Each
 * pending one comes with its evidence, read for the whole list in one query.
 */
export async function listRefundRequests(ctx: ServiceCtx, raw: z.input<typeof listRefundRequestsInput> = {}) {
  const input = listRefundRequestsInput.parse(raw);
  const rows = await ctx.db
    .select({
      id: refundRequests.id,
      status: refundRequests.status,
      reason: refundRequests.reason,
      decisionReason: refundRequests.decisionReason,
      decidedAt: refundRequests.decidedAt,
      autoApproved: refundRequests.autoApproved,
      createdAt: refundRequests.createdAt,
      saleId: sales.id,
      occurredAt: sales.occurredAt,
      machineId: sales.machineId,
      machineName: machines.name,
      productName: sql<string | null>`coalesce(${orders.productName}, ${products.name})`,
      amountMinor: sql<number>`coalesce(${orders.amountMinor}, ${sales.priceMinor})`,
      currency: sales.currency,
      paymentMethod: sql<string>`coalesce(${orders.paymentMethod}, ${sales.paymentMethod})`,
      saleStatus: sales.status,
      slotCode: sales.slotCode,
      refundId: refunds.id,
      refundStatus: refunds.status,
    })
    .from(refundRequests)
    .innerJoin(sales, eq(sales.id, refundRequests.saleId))
    .innerJoin(machines, eq(machines.id, sales.machineId))
    .leftJoin(products, eq(products.id, sales.productId))
    .leftJoin(orders, eq(orders.id, sales.orderId))
    .leftJoin(refunds, eq(refunds.id, refundRequests.refundId))
    .where(and(eq(refundRequests.orgId, ctx.orgId), input.status ? eq(refundRequests.status, input.status) : undefined))
    .orderBy(sql`${refundRequests.status} = 'pending' desc`, desc(refundRequests.createdAt))
    .limit(500);
  const evidence = await requestEvidence(
    ctx,
    rows.filter((r) => r.status === "pending").map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, evidence: evidence.get(r.id) ?? null }));
}

/** How many requests wait for a decision (the nav's badge). */
export async function countPendingRequests(ctx: ServiceCtx): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(refundRequests)
    .where(and(eq(refundRequests.orgId, ctx.orgId), eq(refundRequests.status, "pending")));
  return Number(row?.n ?? 0);
}

/**
 * A manager's decision on a request: approving refunds the purchase in full (once: the sale's
 * refund key), rejecting needs a reason the consumer will read. A request is decided once.
 */
export async function decideRefundRequest(ctx: ServiceCtx, raw: z.input<typeof decideRequestInput>) {
  const input = decideRequestInput.parse(raw);
  if (input.decision === "reject" && input.reason.length < REJECTION_REASON_MIN_LENGTH) {
    throw fieldError("reason", consumersMessages.rejection_needs_reason, { min: REJECTION_REASON_MIN_LENGTH });
  }
  const [request] = await ctx.db
    .select()
    .from(refundRequests)
    .where(and(eq(refundRequests.id, input.requestId), eq(refundRequests.orgId, ctx.orgId)))
    .for("update");
  if (!request) throw notFound("Refund request");
  if (request.status !== "pending") throw new ServiceError("CONFLICT", consumersMessages.request_already_decided, { status: request.status });
  const refund =
    input.decision === "approve"
      ? await refundSale(ctx, { saleId: request.saleId, reason: input.reason || `Problem reported: ${request.reason}`.slice(0, 500), origin: "request" })
      : null;
  const decidedBy = ctx.actor.type === "user" ? ctx.actor.id : null;
  const [decided] = await ctx.db
    .update(refundRequests)
    .set({
      status: input.decision === "approve" ? "approved" : "rejected",
      decisionReason: input.reason || null,
      decidedBy,
      decidedAt: sql`now()`,
      refundId: refund?.id ?? null,
    })
    .where(and(eq(refundRequests.id, request.id), eq(refundRequests.orgId, ctx.orgId)))
    .returning();
  await recordAudit(ctx, {
    action: input.decision === "approve" ? "refund_request.approved" : "refund_request.rejected",
    targetType: "refund_request",
    targetId: request.id,
    data: { saleId: request.saleId, reason: input.reason || null, refundId: refund?.id ?? null },
  });
  return decided!;
}

