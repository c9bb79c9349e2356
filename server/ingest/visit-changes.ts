import "server-only";
import type { z } from "zod";
import type { ServiceCtx } from "~/server/context";
import { fieldError, ServiceError } from "~/server/errors";
import { getMachine } from "~/server/fleet";
import { checkVisitCounts, forgetServiceVisits, restockedAfter } from "~/server/inventory";
import { lockRouteVisit, markRouteVisitCorrected, markRouteVisitUndone, type LockedRouteVisit } from "~/server/replenishment";
import { recordAudit } from "~/server/tenancy";
import { hasRole } from "~/server/tenancy/contract";
import { ingestBatch } from "./batch";
import { correctVisitInput, ingestMessages, undoVisitInput } from "./contract";

type Counts = { slot: string; quantity: number }[];

/**
 * The visit, locked, if this member may change it: the technician who recorded it or a manager,
 * while it stands and is the machine's last visit or restock.
 */
async function changeableVisit(ctx: ServiceCtx, visitId: string): Promise<LockedRouteVisit & { machineName: string }> {
  const locked = await lockRouteVisit(ctx, visitId);
  const { visit } = locked;
  const own = ctx.actor.type === "user" && ctx.actor.id === visit.technicianId;
  if (!own && !(ctx.role && hasRole(ctx.role, "manager"))) throw new ServiceError("FORBIDDEN", ingestMessages.visit_not_yours);
  if (visit.undoneAt) throw new ServiceError("CONFLICT", ingestMessages.visit_undone);
  const machine = await getMachine(ctx, visit.machineId);
  // A count after the visit's own (the machine's, or another visit) already replaced what it set.
  if (locked.laterVisit || (await restockedAfter(ctx, { machineId: visit.machineId, at: visit.occurredAt }))) {
    throw new ServiceError("CONFLICT", ingestMessages.visit_not_last, { machine: machine.name });
  }
  return { ...locked, machineName: machine.name };
}

/**
 * Sets counts through the ordinary stock path, as one `inventory.restocked` event counted just after
 * the visit (`afterMs`): the stock rule then takes off every vend since the visit, as it would from
 * the visit's own counts. The event makes no service visit of its own.
 */
async function recount(ctx: ServiceCtx, input: { machineId: string; eventId: string; at: Date; counts: Counts; alsoForget: string[] }) {
  const outcome = await ingestBatch(ctx, {
    machineId: input.machineId,
    events: [{ id: input.eventId, type: "inventory.restocked", occurredAt: input.at.toISOString(), data: { slots: input.counts } }],
  });
  const result = outcome.results[0];
  if (result?.status === "rejected") throw new ServiceError("BAD_REQUEST", ingestMessages.visit_refused, { reason: result.error.message });
  await forgetServiceVisits(ctx, { machineId: input.machineId, eventIds: [input.eventId, ...input.alsoForget] });
}

/**
 * Undoes a machine's last visit: the counts it replaced are counted again (less what sold since),
 * the visit is marked undone and kept, and the audit log says who undid it. A visit with cash
 * counted or an audit file attached is refused: those are money records of their own, reconciled
 * against the machine's readings, and stay as they are; its counts can still be corrected.
 */
export async function undoVisit(ctx: ServiceCtx, raw: z.input<typeof undoVisitInput>) {
  const input = undoVisitInput.parse(raw);
  const { visit, cashCounted, auditAttached, machineName } = await changeableVisit(ctx, input.visitId);
  if (cashCounted || auditAttached) {
    const what = cashCounted && auditAttached ? "cash counted and an audit file" : cashCounted ? "cash counted" : "an audit file";
    throw new ServiceError("CONFLICT", ingestMessages.visit_has_money, { what });
  }
  if (!visit.replacedCounts) throw new ServiceError("CONFLICT", ingestMessages.visit_replaced_unknown);
  const at = new Date(visit.occurredAt.getTime() + visit.corrections + 1);
  await recount(ctx, { machineId: visit.machineId, eventId: `visit-undo:${visit.visitKey}`, at, counts: visit.replacedCounts, alsoForget: [visit.eventId] });
  const undone = await markRouteVisitUndone(ctx, { visitId: visit.id, at: new Date(), by: ctx.actor.type === "user" ? ctx.actor.id : null });
  await recordAudit(ctx, {
    action: "visit.undone",
    targetType: "machine",
    targetId: visit.machineId,
    data: { visitId: visit.id, machine: machineName, counts: visit.counts, restored: visit.replacedCounts },
  });
  return { visit: undone };
}

/**
 * Corrects the counts a machine's last visit recorded: the corrected counts are counted just after
 * the visit (less what sold since), and the visit keeps them. Cash and audits attached stay as they are.
 */
export async function correctVisit(ctx: ServiceCtx, raw: z.input<typeof correctVisitInput>) {
  const input = correctVisitInput.parse(raw);
  const { visit, machineName } = await changeableVisit(ctx, input.visitId);
  // The slots the visit counted, so that undoing it later restores every slot it set.
  for (const [i, c] of input.counts.entries()) {
    if (!visit.counts.some((v) => v.slot === c.slot)) throw fieldError(`counts.${i}.quantity`, ingestMessages.visit_slot_not_counted, { slot: c.slot });
  }
  await checkVisitCounts(ctx, { machineId: visit.machineId, counts: input.counts });
  const n = visit.corrections + 1;
  const at = new Date(visit.occurredAt.getTime() + n);
  await recount(ctx, { machineId: visit.machineId, eventId: `visit-fix:${visit.visitKey}:${n}`, at, counts: input.counts, alsoForget: [] });
  const counts = visit.counts.map((v) => input.counts.find((c) => c.slot === v.slot) ?? v);
  const corrected = await markRouteVisitCorrected(ctx, { visitId: visit.id, counts, at: new Date() });
  await recordAudit(ctx, {
    action: "visit.corrected",
    targetType: "machine",
    targetId: visit.machineId,
    data: { visitId: visit.id, machine: machineName, from: visit.counts, to: counts },
  });
  return { visit: corrected };
}
