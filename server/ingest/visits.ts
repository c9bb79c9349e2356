import "server-only";
import type { z } from "zod";
import type { ServiceCtx } from "~/server/context";
import { fieldError, ServiceError } from "~/server/errors";
import { getMachine } from "~/server/fleet";
import { recordCashCount } from "~/server/cash";
import { checkVisitCounts } from "~/server/inventory";
import { claimRouteVisit, getDeliveryRoute } from "~/server/replenishment";
import { recordAudit } from "~/server/tenancy";
import { ingestAudit, type AuditIngestResult } from "./audits";
import { ingestBatch } from "./batch";
import { ingestMessages, recordVisitInput, VISIT_RECORDED_AT_MAX_AGE_MS } from "./contract";

/**
 * Records a technician's restock visit: the counts go through the machine ingest as one
 * `inventory.restocked` event (so stock, stockouts and the service visit follow the protocol's
 * rules exactly), attributed to the technician and audited. The visit key makes it idempotent.
 * It is a person's report, not the machine's: the machine's last seen, state and uptime stay as
 * the machine itself left them.
 */
export async function recordVisit(ctx: ServiceCtx, raw: z.input<typeof recordVisitInput>) {
  const input = recordVisitInput.parse(raw);
  const received = Date.now();
  // A visit queued on a phone without network happened when it was recorded, not when it arrived.
  const now = new Date(input.recordedAt ? Math.min(received, Math.max(input.recordedAt.getTime(), received - VISIT_RECORDED_AT_MAX_AGE_MS)) : received);
  const machine = await getMachine(ctx, input.machineId);
  if (input.routeId) await getDeliveryRoute(ctx, { routeId: input.routeId });
  const replacedCounts = await checkVisitCounts(ctx, { machineId: machine.id, counts: input.counts });

  const eventId = `visit:${input.visitKey}`;
  const claim = await claimRouteVisit(ctx, {
    visitKey: input.visitKey,
    routeId: input.routeId,
    machineId: machine.id,
    technicianId: ctx.actor.type === "user" ? ctx.actor.id : null,
    eventId,
    occurredAt: now,
    counts: input.counts,
    replacedCounts,
  });
  if (!claim.created) {
    if (!claim.visit || claim.visit.machineId !== machine.id) throw new ServiceError("CONFLICT", ingestMessages.visit_key_taken);
    return { visit: claim.visit, duplicate: true, audit: null, cash: null };
  }
  const { visit } = claim;

  const outcome = await ingestBatch(ctx, {
    machineId: machine.id,
    events: [{ id: eventId, type: "inventory.restocked", occurredAt: now.toISOString(), data: { slots: input.counts, visitId: input.visitKey } }],
    receivedAt: new Date(received),
  });
  const result = outcome.results[0];
  if (result?.status === "rejected") throw new ServiceError("BAD_REQUEST", ingestMessages.visit_refused, { reason: result.error.message });
  // The audit read at the visit: the same parser and rules as the machine's own upload.
  let audit: AuditIngestResult | null = null;
  if (input.audit) {
    audit = await ingestAudit(ctx, { machineId: machine.id, body: Buffer.from(input.audit.contentBase64, "base64"), source: "visit", fileName: input.audit.name, visitId: visit.id, receivedAt: new Date(received) });
    if (!audit.ok) throw fieldError("audit", ingestMessages.visit_audit_invalid, { file: input.audit.name, reason: audit.message });
  }
  // The cash taken out of the box, counted against what should have been in it.
  let cash: { expectedMinor: number | null; countedMinor: number | null; varianceMinor: number | null; currency: string } | null = null;
  if (input.cashCountedMinor !== null) {
    const counted = await recordCashCount(ctx, { machineId: machine.id, countedMinor: input.cashCountedMinor, occurredAt: now, key: `visit:${input.visitKey}`, routeId: input.routeId, visitId: visit.id });
    const c = counted.collection;
    cash = { expectedMinor: c.expectedMinor, countedMinor: c.countedMinor, varianceMinor: c.varianceMinor, currency: c.currency };
  }
  await recordAudit(ctx, {
    action: "visit.recorded",
    targetType: "machine",
    targetId: machine.id,
    data: { visitId: visit.id, routeId: input.routeId, counts: input.counts, auditId: audit?.ok ? audit.audit.id : null, cashCountedMinor: input.cashCountedMinor },
  });
  return { visit, duplicate: false, audit: audit?.ok ? audit.audit : null, cash };
}
