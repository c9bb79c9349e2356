import { and, eq, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { notificationDeliveries, webhookEndpoints } from "~/db/schema";
import type { ServiceCtx } from "../context";
import type { AlertSeverity } from "./severity";
import type { WebhookEventType } from "./webhook-events";


export interface AlertPayload {
  id: string;
  rule: string;
  ruleLabel: string;
  code: string;
  severity: AlertSeverity;
  status: string;
  message: string;
  machineId: string | null;
  machineName: string | null;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  title: string;
  url: string;
  orgUrl: string;
}

/** Queues one event for every enabled endpoint of the org that subscribes to its type. */
export async function queueWebhookEvent(ctx: ServiceCtx, type: WebhookEventType, alert: AlertPayload): Promise<number> {
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
  const { orgUrl: _orgUrl, ...data } = alert;
  await ctx.db.insert(notificationDeliveries).values(
    endpoints.map((e) => ({
      id: newId("msg"),
      orgId: ctx.orgId,
      channel: "webhook" as const,
      endpointId: e.id,
      alertId: alert.id,
      eventType: type,
      payload: { type, timestamp: new Date().toISOString(), data },
    })),
  );
  return endpoints.length;
}
