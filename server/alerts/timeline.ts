import "server-only";
import { asc, and, eq, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { alertEvents } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { actorColumns } from "~/server/tenancy";
import type { AlertEventType } from "./contract";

/** The wall clock, not the transaction's start; entries written within one clock tick (PGlite counts milliseconds) keep their order by `seq`. */
export const eventTime = sql`clock_timestamp()`;

/** Adds an entry to an alert's timeline, by the context's actor, in the caller's transaction. */
export async function recordAlertEvent(ctx: ServiceCtx, input: { alertId: string; type: AlertEventType; data?: Record<string, unknown> }): Promise<void> {
  await ctx.db
    .insert(alertEvents)
    .values({ id: newId("ale"), orgId: ctx.orgId, alertId: input.alertId, type: input.type, ...actorColumns(ctx.actor), data: input.data ?? {}, createdAt: eventTime });
}

/** An alert's timeline, oldest first. */
export async function alertTimeline(ctx: ServiceCtx, input: { alertId: string }) {
  return ctx.db
    .select({
      id: alertEvents.id,
      type: alertEvents.type,
      actorType: alertEvents.actorType,
      actorId: alertEvents.actorId,
      actorLabel: alertEvents.actorLabel,
      data: alertEvents.data,
      createdAt: alertEvents.createdAt,
    })
    .from(alertEvents)
    .where(and(eq(alertEvents.orgId, ctx.orgId), eq(alertEvents.alertId, input.alertId)))
    .orderBy(asc(alertEvents.createdAt), asc(alertEvents.seq));
}
