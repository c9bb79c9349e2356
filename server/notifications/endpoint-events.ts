import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { notificationDeliveries, webhookEndpoints } from "~/db/schema";
import type { ServiceCtx } from "../context";
import type { WebhookEventType } from "./contract";

/**
 * Queues one event for every enabled webhook endpoint of the org that subscribes to its type, in
 * the caller's transaction (sent after it commits). Answers how many endpoints it queued for.
 */
export async function queueEndpointEvent(ctx: ServiceCtx, input: { type: WebhookEventType; alertId: string; data: Record<string, unknown> }): Promise<number> {
  const { type } = input;
  const endpoints = await ctx.db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.orgId, ctx.orgId),
        eq(webhookEndpoints.enabled, true),
        sql`(cardinality(${webhookEndpoints.eventTypes}) = 0 or ${type} = any(${webhookEndpoints.eventTypes}))`,
      ),
    );
  if (endpoints.length === 0) return 0;
  await ctx.db.insert(notificationDeliveries).values(
    endpoints.map((e) => ({
      id: newId("msg"),
      orgId: ctx.orgId,
      channel: "webhook" as const,
      endpointId: e.id,
      alertId: input.alertId,
      eventType: type,
      payload: { type, timestamp: new Date().toISOString(), data: input.data },
    })),
  );
  return endpoints.length;
}
