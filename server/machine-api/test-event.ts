import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { machineContext, type ServiceCtx } from "~/server/context";
import { ServiceError } from "~/server/errors";
import { TEST_EVENT_PREFIX, fleetMessages, machineCredentials, testEventSigningSecret } from "~/server/fleet";
import { ingestBatch, parseEnvelope } from "~/server/ingest";
import { verifySignature } from "./signature";

/**
 * Sends a test event for a machine of the member's org, as the machine itself would: a
 * `machine.heartbeat` (never a sale) with a `vendops-test-` id, signed with the machine's current secret by
 * the published `standardwebhooks` library, checked against the machine's credentials as the
 * machine API checks them, parsed as an envelope and ingested as the machine. It proves the
 * credentials and the ingest path, and counts as the machine's first event. It runs in the
 * member's transaction: the audit entry and the event commit together, or neither does.
 */
export async function sendTestEvent(ctx: ServiceCtx, { machineId }: { machineId: string }) {
  const secret = await testEventSigningSecret(ctx, { machineId });
  const now = new Date();
  const eventId = `${TEST_EVENT_PREFIX}${now.getTime()}-${randomBytes(4).toString("hex")}`;
  const body = JSON.stringify({ events: [{ id: eventId, type: "machine.heartbeat", occurredAt: now.toISOString(), data: {} }] });
  const webhookId = `req-${eventId}`;
  const signature = new Webhook(secret).sign(webhookId, now, body);

  const credentials = await machineCredentials(ctx.db, { machineId });
  const secrets = credentials?.secrets.filter((s) => s.expiresAt === null || s.expiresAt > now.getTime()).map((s) => s.secret) ?? [];
  const failure = verifySignature({ id: webhookId, timestamp: String(Math.floor(now.getTime() / 1000)), signature, body }, secrets, Math.floor(now.getTime() / 1000));
  if (failure) throw new ServiceError("CONFLICT", fleetMessages.test_refused, { reason: failure.replace(/_/g, " ") });
  const envelope = parseEnvelope(JSON.parse(body));
  if ("error" in envelope) throw new ServiceError("CONFLICT", fleetMessages.test_refused, { reason: envelope.error });

  const outcome = await ingestBatch(machineContext(ctx.db, { orgId: ctx.orgId, machineId }), { machineId, events: envelope.events, receivedAt: now });
  const result = outcome.results[0];
  if (result?.status === "rejected") throw new ServiceError("CONFLICT", fleetMessages.test_refused, { reason: result.error.message });
  return { machineId, eventId, type: "machine.heartbeat" as const, receivedAt: now };
}
