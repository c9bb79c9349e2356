import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { auditLog } from "~/db/schema";
import type { Actor, ServiceCtx } from "../context";
import { listAuditLogInput, type AuditAction } from "./contract";

export interface AuditEntryInput {
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}

export function actorColumns(actor: Actor) {
  return { actorType: actor.type, actorId: actor.id ?? null, actorLabel: actor.label ?? null };
}

/** Records a change in the audit log, in the caller's transaction so both commit or neither. */
export async function recordAudit(ctx: Pick<ServiceCtx, "db" | "orgId" | "actor">, entry: AuditEntryInput): Promise<void> {
  await ctx.db.insert(auditLog).values({
    id: newId("aud"),
    orgId: ctx.orgId,
    ...actorColumns(ctx.actor),
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    data: entry.data ?? {},
  });
}

/**
 * The org's audit log, newest first, a page at a time. Pages continue from `cursor` (time and id),
 * not from a time alone: entries written in one transaction share a timestamp, and a Date keeps
 * only milliseconds, so paging by time would skip entries.
 */
export async function listAuditLog(ctx: ServiceCtx, input: z.input<typeof listAuditLogInput>) {
  const { action, before, cursor, limit } = listAuditLogInput.parse(input);
  const after = cursor
    ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (select a.created_at, a.id from audit_log a where a.id = ${cursor} and a.org_id = ${ctx.orgId})`
    : undefined;
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, ctx.orgId),
        action ? eq(auditLog.action, action) : undefined,
        before ? lt(auditLog.createdAt, before) : undefined,
        after,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return { entries, hasMore, nextCursor: hasMore ? entries.at(-1)!.id : undefined };
}
