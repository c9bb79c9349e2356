import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { notificationDeliveries, webhookEndpoints } from "~/db/schema";
import { getSecrets } from "../config/secrets";
import type { ServiceCtx } from "../context";
import { fieldError, notFound } from "../errors";
import type { Locale } from "../i18n/locales";
import { encryptSecret, generateMachineSecret } from "~/server/fleet";
import { recordAudit } from "~/server/tenancy";
import { deliveriesInput, endpointInput, notificationsMessages, updateEndpointInput, type endpointIdInput, type setEndpointEnabledInput } from "./contract";
import { nonPublicTarget, type TargetOptions } from "./endpoint-addresses";
import { openEndpointSecret, postWebhook } from "./outbound-webhooks";
import { salesFeedFromNow } from "./sales-feed";
import { attemptErrorIn, disabledReasonIn, webhookTexts } from "./webhook-texts";

const receivesSales = (eventTypes: readonly string[]) => eventTypes.length === 0 || eventTypes.includes("sale.recorded");

/** Which addresses a URL may reach; tests set it, requests never do (their input schemas have no such key). */
type Network = { network?: TargetOptions };

const publicColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  eventTypes: webhookEndpoints.eventTypes,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  disabledAt: webhookEndpoints.disabledAt,
  createdAt: webhookEndpoints.createdAt,
};

/** The org's endpoints, newest first; why one was disabled reads in `locale` (English when left out). */
export async function listEndpoints(ctx: ServiceCtx, { locale }: { locale?: Locale } = {}) {
  const endpoints = await ctx.db.select(publicColumns).from(webhookEndpoints).where(eq(webhookEndpoints.orgId, ctx.orgId)).orderBy(desc(webhookEndpoints.createdAt));
  return endpoints.map((e) => ({ ...e, disabledReason: e.disabledReason && disabledReasonIn(e.disabledReason, locale) }));
}

async function findEndpoint(ctx: ServiceCtx, endpointId: string) {
  const [endpoint] = await ctx.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, ctx.orgId), eq(webhookEndpoints.id, endpointId)));
  if (!endpoint) throw notFound("Webhook endpoint");
  return endpoint;
}

const seal = (secret: string) => encryptSecret(getSecrets().machineSecretsKey, secret);

/** Refuses a URL whose host reaches a loopback, private or otherwise non-public address. */
async function assertPublicTarget(url: string, options: TargetOptions = {}) {
  const address = await nonPublicTarget(url, options);
  if (address) throw fieldError("url", notificationsMessages.non_public_address, { address });
}

/** Adds an endpoint; answers its signing secret, shown this once. */
export async function createEndpoint(ctx: ServiceCtx, input: z.input<typeof endpointInput> & Network) {
  const values = endpointInput.parse(input);
  await assertPublicTarget(values.url, input.network);
  const secret = generateMachineSecret();
  const [endpoint] = await ctx.db
    .insert(webhookEndpoints)
    .values({ id: newId("whe"), orgId: ctx.orgId, ...values, secretCiphertext: seal(secret) })
    .returning(publicColumns);
  await recordAudit(ctx, { action: "webhook.created", targetType: "webhook_endpoint", targetId: endpoint!.id, data: { url: values.url, eventTypes: values.eventTypes } });
  return { endpoint: endpoint!, secret };
}

export async function updateEndpoint(ctx: ServiceCtx, input: z.input<typeof updateEndpointInput> & Network) {
  const { endpointId, ...values } = updateEndpointInput.parse(input);
  await assertPublicTarget(values.url, input.network);
  const before = await findEndpoint(ctx, endpointId);
  // An endpoint that starts receiving sales gets them from now on, not the ones before.
  const startsSales = !receivesSales(before.eventTypes) && receivesSales(values.eventTypes);
  const [endpoint] = await ctx.db
    .update(webhookEndpoints)
    .set({ ...values, ...(startsSales ? salesFeedFromNow : {}), updatedAt: sql`now()` })
    .where(and(eq(webhookEndpoints.orgId, ctx.orgId), eq(webhookEndpoints.id, endpointId)))
    .returning(publicColumns);
  await recordAudit(ctx, { action: "webhook.updated", targetType: "webhook_endpoint", targetId: endpointId, data: values });
  return endpoint!;
}

/** A new secret at once (receivers must switch): answered this once. */
export async function rotateEndpointSecret(ctx: ServiceCtx, { endpointId }: z.infer<typeof endpointIdInput>) {
  await findEndpoint(ctx, endpointId);
  const secret = generateMachineSecret();
  await ctx.db
    .update(webhookEndpoints)
    .set({ secretCiphertext: seal(secret), updatedAt: sql`now()` })
    .where(and(eq(webhookEndpoints.orgId, ctx.orgId), eq(webhookEndpoints.id, endpointId)));
  await recordAudit(ctx, { action: "webhook.secret_rotated", targetType: "webhook_endpoint", targetId: endpointId });
  return { secret };
}

/** Disables or (re-)enables an endpoint; enabling sends what waited for it. */
export async function setEndpointEnabled(ctx: ServiceCtx, input: z.infer<typeof setEndpointEnabledInput>) {
  await findEndpoint(ctx, input.endpointId);
  const [endpoint] = await ctx.db
    .update(webhookEndpoints)
    .set(input.enabled ? { enabled: true, disabledAt: null, disabledReason: null, updatedAt: sql`now()` } : { enabled: false, disabledAt: sql`now()`, disabledReason: webhookTexts.disabled_by_hand.en, updatedAt: sql`now()` })
    .where(and(eq(webhookEndpoints.orgId, ctx.orgId), eq(webhookEndpoints.id, input.endpointId)))
    .returning(publicColumns);
  if (input.enabled) {
    // Deliveries that gave up on it get one more round.
    await ctx.db
      .update(notificationDeliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()` })
      .where(and(eq(notificationDeliveries.orgId, ctx.orgId), eq(notificationDeliveries.endpointId, input.endpointId), eq(notificationDeliveries.status, "failed")));
  }
  await recordAudit(ctx, { action: input.enabled ? "webhook.enabled" : "webhook.disabled", targetType: "webhook_endpoint", targetId: input.endpointId });
  return endpoint!;
}

export async function deleteEndpoint(ctx: ServiceCtx, { endpointId }: z.infer<typeof endpointIdInput>) {
  const endpoint = await findEndpoint(ctx, endpointId);
  await ctx.db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, ctx.orgId), eq(webhookEndpoints.id, endpointId)));
  await recordAudit(ctx, { action: "webhook.deleted", targetType: "webhook_endpoint", targetId: endpointId, data: { url: endpoint.url } });
  return { deleted: true };
}

/** Sends a signed `webhook.test` event now and logs it like any delivery; a failure's reason reads in `locale`. */
export async function sendTestEvent(ctx: ServiceCtx, { endpointId, locale }: z.infer<typeof endpointIdInput> & { locale?: Locale }) {
  const endpoint = await findEndpoint(ctx, endpointId);
  const deliveryId = newId("msg");
  const payload = { type: "webhook.test", timestamp: new Date().toISOString(), data: { endpointId, message: "A test event from VendOps." } };
  const result = await postWebhook(endpoint.url, openEndpointSecret(endpoint.secretCiphertext), deliveryId, payload);
  await ctx.db.insert(notificationDeliveries).values({
    id: deliveryId,
    orgId: ctx.orgId,
    channel: "webhook",
    endpointId,
    eventType: "webhook.test",
    payload,
    status: result.ok ? "delivered" : "failed",
    attempts: 1,
    responseStatus: result.status,
    latencyMs: result.latencyMs,
    lastError: result.error,
    deliveredAt: result.ok ? new Date() : null,
  });
  await recordAudit(ctx, { action: "webhook.tested", targetType: "webhook_endpoint", targetId: endpointId, data: { ok: result.ok, status: result.status } });
  return { ...result, error: result.error && attemptErrorIn(result.error, locale) };
}

/** An endpoint's delivery log, newest first. */
export async function listDeliveries(ctx: ServiceCtx, input: z.input<typeof deliveriesInput>) {
  const q = deliveriesInput.parse(input);
  await findEndpoint(ctx, q.endpointId);
  return ctx.db
    .select({
      id: notificationDeliveries.id,
      eventType: notificationDeliveries.eventType,
      alertId: notificationDeliveries.alertId,
      status: notificationDeliveries.status,
      attempts: notificationDeliveries.attempts,
      responseStatus: notificationDeliveries.responseStatus,
      latencyMs: notificationDeliveries.latencyMs,
      lastError: notificationDeliveries.lastError,
      nextAttemptAt: notificationDeliveries.nextAttemptAt,
      deliveredAt: notificationDeliveries.deliveredAt,
      createdAt: notificationDeliveries.createdAt,
    })
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.orgId, ctx.orgId), eq(notificationDeliveries.endpointId, q.endpointId)))
    .orderBy(desc(notificationDeliveries.createdAt))
    .limit(q.limit);
}
