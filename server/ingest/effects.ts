import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { machineEvents } from "~/db/schema";
import { evaluateIngestRules, hasOpenCriticalFault, raiseAlert, resolveAlert } from "~/server/alerts";
import { trackStockouts } from "~/server/analytics";
import { recordCashCollections } from "~/server/cash";
import type { ServiceCtx } from "~/server/context";
import { recordMachineReport } from "~/server/fleet";
import { applyStockChanges, recordServiceVisits, type SlotState } from "~/server/inventory";
import type { MachineEvent } from "./events";
import { applyVends } from "./vends";

export interface BatchScope {
  machineId: string;
  locationId: string | null;
  slotByCode: Map<string, SlotState>;
  receivedAt: Date;
}

type Of<T extends MachineEvent["type"]> = Extract<MachineEvent, { type: T }>;
const ofType = <T extends MachineEvent["type"]>(events: MachineEvent[], type: T) => events.filter((e): e is Of<T> => e.type === type);

/**
 * Applies newly accepted events through the domains that own what they change, in the caller's
 * transaction and one statement per kind of fact where it matters. Returns how many refunds the
 * batch now owes (rows for the refund worker).
 */
export async function applyEffects(ctx: ServiceCtx, input: { scope: BatchScope; events: MachineEvent[] }): Promise<{ refundsOwed: number }> {
  const { scope, events } = input;
  const { machineId, receivedAt } = scope;
  const refundsOwed = await applyVends(ctx, { scope, vends: [...ofType(events, "vend.succeeded"), ...ofType(events, "vend.failed")] });
  const restocks = ofType(events, "inventory.restocked");
  await applyStockChanges(ctx, {
    machineId,
    receivedAt,
    slots: scope.slotByCode,
    vends: ofType(events, "vend.succeeded").map((e) => ({ slot: e.data.slot, occurredAt: e.occurredAt, eventId: e.id })),
    restocks: restocks.flatMap((e) => e.data.slots.map((s) => ({ slot: s.slot, quantity: s.quantity, occurredAt: e.occurredAt }))),
  });
  await recordServiceVisits(ctx, {
    machineId,
    visits: restocks.map((e) => ({ eventId: e.id, externalId: e.data.visitId ?? null, occurredAt: e.occurredAt, slots: e.data.slots })),
  });
  await recordCashCollections(ctx, {
    machineId,
    collections: ofType(events, "cash.collected").map((e) => ({ eventId: e.id, amountMinor: e.data.amountMinor, currency: e.data.currency, occurredAt: e.occurredAt })),
  });
  await applyFaults(ctx, { machineId, events });
  // Last seen and the reported state are the machine's own: a restock a person records in the app
  // (same events, another actor) says nothing about whether the machine is online.
  if (ctx.actor.type === "machine") {
    const heartbeat = ofType(events, "machine.heartbeat").reduce<Of<"machine.heartbeat"> | null>((best, e) => (!best || e.occurredAt > best.occurredAt ? e : best), null);
    await recordMachineReport(ctx, {
      machineId,
      receivedAt,
      heartbeat: heartbeat && { occurredAt: heartbeat.occurredAt, ...heartbeat.data },
      faulted: hasOpenCriticalFault(ctx, { machineId }),
    });
  }
  await evaluateIngestRules(ctx, { machineId, events, receivedAt });
  await trackStockouts(ctx, { machineId, events });
  return { refundsOwed };
}

/** Raises and resolves fault alerts in the order the faults occurred. */
async function applyFaults(ctx: ServiceCtx, { machineId, events }: { machineId: string; events: MachineEvent[] }) {
  const faultEvents = events
    .filter((e): e is Of<"machine.fault"> | Of<"machine.fault_cleared"> => e.type === "machine.fault" || e.type === "machine.fault_cleared")
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  for (const e of faultEvents) {
    if (e.type === "machine.fault_cleared") {
      await resolveAlert(ctx, { machineId, rule: "machine_fault", code: e.data.code, at: e.occurredAt });
      continue;
    }
    // Events may arrive out of order: if the machine already reported this fault cleared after
    // it occurred, the fault is recorded but goes straight to resolved.
    const [clearance] = await ctx.db
      .select({ occurredAt: machineEvents.occurredAt })
      .from(machineEvents)
      .where(
        and(
          eq(machineEvents.orgId, ctx.orgId),
          eq(machineEvents.machineId, machineId),
          eq(machineEvents.type, "machine.fault_cleared"),
          sql`${machineEvents.data}->>'code' = ${e.data.code}`,
          sql`${machineEvents.occurredAt} >= ${e.occurredAt.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(machineEvents.occurredAt)
      .limit(1);
    await raiseAlert(ctx, {
      machineId,
      rule: "machine_fault",
      code: e.data.code,
      severity: e.data.severity,
      at: e.occurredAt,
      data: e.data.message === undefined ? {} : { message: e.data.message },
    });
    if (clearance) await resolveAlert(ctx, { machineId, rule: "machine_fault", code: e.data.code, at: clearance.occurredAt });
  }
}
