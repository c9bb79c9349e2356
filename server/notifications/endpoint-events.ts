import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { notificationDeliveries, webhookEndpoints } from "~/db/schema";
import type { ServiceCtx } from "../context";
import type { BusinessEventType, WebhookEventType } from "./contract";
import { businessEventSchema, type BusinessEventData } from "./integrator-events";

/** Endpoints subscribed to `type`: an empty list of event types means all of them. */
export const subscribesTo = (type: WebhookEventType) =>
  sql`(cardinality(${webhookEndpoints.eventTypes}) = 0 or ${type} = any(${webhookEndpoints.eventTypes}))`;

/**
 * Queues one event for every enabled webhook endpoint of the org that subscribes to its type, in
 * the caller's transaction (sent after it commits). Answers how many endpoints it queued for.
 */
export async function queueEndpointEvent(ctx: ServiceCtx, input: { type: WebhookEventType; alertId?: string | null; data: Record<string, unknown> }): Promise<number> {
  const { type } = input;
  const endpoints = await ctx.db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, ctx.orgId), eq(webhookEndpoints.enabled, true), subscribesTo(type)));
  if (endpoints.length === 0) return 0;
  await ctx.db.insert(notificationDeliveries).values(
    endpoints.map((e) => ({
      id: newId("msg"),
      orgId: ctx.orgId,
      channel: "webhook" as const,
      endpointId: e.id,
      alertId: input.alertId ?? null,
      eventType: type,
      payload: { type, timestamp: new Date().toISOString(), data: input.data },
    })),
  );
  return endpoints.length;
}

/**
 * Queues a business event for the org's subscribed endpoints, in the caller's transaction. Its data
 * is typed and checked by the event's documented schema (server/notifications/integrator-events.ts),
 * so what integrators receive is what the reference says.
 */
export async function queueIntegratorEvent<T extends Exclude<BusinessEventType, "sale.recorded">>(ctx: ServiceCtx, input: { type: T; data: BusinessEventData<T> }): Promise<number> {
  const data = businessEventSchema(input.type).parse(input.data) as Record<string, unknown>;
  return queueEndpointEvent(ctx, { type: input.type, data });
}
