import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows } from "~/db/client";
import { organizations, refundRequests, refundRequestSettings, users, type RefundRequest } from "~/db/schema";
import { systemContext, type ServiceCtx } from "../context";
import { ServiceError } from "../errors";
import { formatClock, formatDate } from "../time";
import { recordAudit } from "~/server/tenancy";
import { refundRequestSettingsInput } from "./contract";
import { failedVendAtSql } from "./failed-vends";
import { refundSale } from "./sale-refunds";

/** The org's refund request rule; off until an admin switches it on. */
export async function getRefundRequestSettings(ctx: ServiceCtx) {
  const [row] = await ctx.db
    .select({ autoApproveFailedVends: refundRequestSettings.autoApproveFailedVends, updatedAt: refundRequestSettings.updatedAt, updatedBy: users.name })
    .from(refundRequestSettings)
    .leftJoin(users, eq(users.id, refundRequestSettings.updatedBy))
    .where(eq(refundRequestSettings.orgId, ctx.orgId));
  return { autoApproveFailedVends: row?.autoApproveFailedVends ?? false, updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null };
}

export async function updateRefundRequestSettings(ctx: ServiceCtx, raw: z.input<typeof refundRequestSettingsInput>) {
  const input = refundRequestSettingsInput.parse(raw);
  const updatedBy = ctx.actor.type === "user" ? ctx.actor.id : null;
  await ctx.db
    .insert(refundRequestSettings)
    .values({ orgId: ctx.orgId, autoApproveFailedVends: input.autoApproveFailedVends, updatedBy })
    .onConflictDoUpdate({ target: refundRequestSettings.orgId, set: { autoApproveFailedVends: input.autoApproveFailedVends, updatedBy, updatedAt: sql`now()` } });
  await recordAudit(ctx, { action: "refund_request.settings_updated", targetType: "refund_request_settings", targetId: ctx.orgId, data: input });
  return getRefundRequestSettings(ctx);
}

/**
 * Applies the org's rule to a new request, in the transaction that created it: when the rule is on
 * and the machine logged a failed vend for the purchase, the request is approved at once by the
 * system and the purchase refunded through the ordinary path (one refund per sale and per order:
 * their unique keys). A purchase that cannot be refunded electronically (cash, no payment
 * reference, already refunded) leaves the request pending for a person. Returns the request as it
 * stands.
 */
export async function applyAutoApproval(ctx: ServiceCtx, request: RefundRequest): Promise<RefundRequest> {
  const [rule] = await queryRows<{ on: boolean | null; failedAt: string | Date | null; timeZone: string }>(
    ctx.db,
    sql`select (select s.auto_approve_failed_vends from ${refundRequestSettings} s where s.org_id = ${ctx.orgId}) as "on",
      ${failedVendAtSql(ctx.orgId, request.saleId)} as "failedAt", o.time_zone as "timeZone"
    from ${organizations} o where o.id = ${ctx.orgId}`,
  );
  if (!rule?.on || !rule.failedAt) return request;
  const failedAt = new Date(rule.failedAt);
  const system = systemContext(ctx.db, { orgId: ctx.orgId, actor: "system", label: "Refund request rule" });
  const reason = `The machine logged a failed vend for this purchase at ${formatClock(failedAt, rule.timeZone)} on ${formatDate(failedAt, rule.timeZone)}.`;
  try {
    // A savepoint: a refund the payments domain refuses leaves the new request as it was.
    return await ctx.db.transaction(async (tx) => {
      const refund = await refundSale({ ...system, db: tx }, { saleId: request.saleId, reason, origin: "request" });
      const [approved] = await tx
        .update(refundRequests)
        .set({ status: "approved", autoApproved: true, decisionReason: reason, decidedAt: sql`now()`, refundId: refund.id })
        .where(and(eq(refundRequests.id, request.id), eq(refundRequests.orgId, ctx.orgId), eq(refundRequests.status, "pending")))
        .returning();
      await recordAudit(
        { ...system, db: tx },
        {
          action: "refund_request.approved",
          targetType: "refund_request",
          targetId: request.id,
          data: { saleId: request.saleId, reason, refundId: refund.id, rule: "auto_approve_failed_vends", failedVendAt: failedAt.toISOString() },
        },
      );
      return approved!;
    });
  } catch (error) {
    if (error instanceof ServiceError && error.kind === "CONFLICT") return request;
    throw error;
  }
}
