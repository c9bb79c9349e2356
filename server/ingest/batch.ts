import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { machineEvents, machineReportHours, machines, organizations } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { machineSlots } from "~/server/inventory";
import { pendingCommands } from "~/server/payments";
import { applyEffects } from "./effects";
import { parseEvent, type MachineEvent, type Rejection } from "./events";

const HOUR_MS = 3_600_000;

export type EventResult =
  | { id: string | null; status: "accepted" | "duplicate" }
  | { id: string | null; status: "rejected"; error: Rejection };

export interface MachineCommand {
  id: string;
  type: "vend";
  orderId: string;
  slot: string;
  expiresAt: string;
}

export interface BatchOutcome {
  results: EventResult[];
  commands: MachineCommand[];
  /** Refunds this batch made owed: the refund worker should run once the transaction commits. */
  refundsOwed: number;
}

const VEND_TYPES = new Set(["vend.succeeded", "vend.failed"]);

/**
 * Ingests one batch from one machine inside the caller's tenant transaction. The machine row is
 * locked first, so batches of one machine apply one at a time; the (machine, event id) key makes
 * a repeated event a duplicate. Only events new to the database have effects.
 */
export async function ingestBatch(
  ctx: ServiceCtx,
  { machineId, events: rawEvents, receivedAt = new Date() }: { machineId: string; events: unknown[]; receivedAt?: Date },
): Promise<BatchOutcome> {
  const [machine] = await ctx.db
    .select({ id: machines.id, locationId: machines.locationId })
    .from(machines)
    .where(and(eq(machines.id, machineId), eq(machines.orgId, ctx.orgId)))
    .for("update");
  if (!machine) throw new Error(`machine ${machineId} not in org ${ctx.orgId}`);
  const [org] = await ctx.db.select({ currency: organizations.currency }).from(organizations).where(eq(organizations.id, ctx.orgId));

  const parsed = rawEvents.map((raw) => parseEvent(raw, receivedAt.getTime()));
  const ids = parsed.flatMap((p) => ("event" in p ? [p.event.id] : []));
  const stored = new Set(
    ids.length === 0
      ? []
      : (
          await ctx.db
            .select({ eventId: machineEvents.eventId })
            .from(machineEvents)
            .where(and(eq(machineEvents.machineId, machineId), inArray(machineEvents.eventId, ids)))
        ).map((r) => r.eventId),
  );

  const slotByCode = await machineSlots(ctx, { machineId });

  const seen = new Set<string>();
  const accepted: MachineEvent[] = [];
  const results: EventResult[] = parsed.map((p) => {
    if (!("event" in p)) return { id: p.id, status: "rejected", error: p.rejection };
    const { event } = p;
    if (stored.has(event.id) || seen.has(event.id)) return { id: event.id, status: "duplicate" };
    const rejection = rejectionFor(event, slotByCode, org!.currency);
    if (rejection) return { id: event.id, status: "rejected", error: rejection };
    seen.add(event.id);
    accepted.push(event);
    return { id: event.id, status: "accepted" };
  });

  let refundsOwed = 0;
  if (accepted.length > 0) {
    await ctx.db
      .insert(machineEvents)
      .values(
        accepted.map((e) => ({
          machineId,
          eventId: e.id,
          orgId: ctx.orgId,
          type: e.type,
          occurredAt: e.occurredAt,
          receivedAt,
          data: e.data as Record<string, unknown>,
        })),
      )
      .onConflictDoNothing();
    // The hours the machine reported in, for uptime. A restock a person records in the app is
    // not the machine reporting.
    const hours = ctx.actor.type === "machine" ? [...new Set(accepted.map((e) => Math.floor(e.occurredAt.getTime() / HOUR_MS) * HOUR_MS))] : [];
    if (hours.length > 0) {
      await ctx.db
        .insert(machineReportHours)
        .values(hours.map((ms) => ({ orgId: ctx.orgId, machineId, hour: new Date(ms) })))
        .onConflictDoNothing();
    }
    refundsOwed = (await applyEffects(ctx, { scope: { machineId, locationId: machine.locationId, slotByCode, receivedAt }, events: accepted })).refundsOwed;
  }
  return { results, commands: await pendingCommands(ctx, { machineId, now: receivedAt }), refundsOwed };
}

/** What a well-formed event can still get wrong about this machine and its operator. */
function rejectionFor(event: MachineEvent, slotByCode: Map<string, unknown>, orgCurrency: string): Rejection | null {
  const unknownSlot = slotCodesOf(event).find((code) => !slotByCode.has(code));
  if (unknownSlot !== undefined) return { code: "unknown_slot", message: `slot ${unknownSlot} is not in this machine's planogram` };
  // Sales, refunds and cash totals are summed per organization in its one currency, so money in
  // another currency would be added up as if it were the same: refuse it rather than convert.
  const currency = "currency" in event.data ? event.data.currency : null;
  if (currency !== null && currency !== orgCurrency) {
    return { code: "currency_mismatch", message: `this organization sells in ${orgCurrency}, not ${currency}; set the machine's currency to ${orgCurrency}` };
  }
  return null;
}

function slotCodesOf(event: MachineEvent): string[] {
  if (VEND_TYPES.has(event.type)) return [(event.data as { slot: string }).slot];
  if (event.type === "inventory.restocked") return event.data.slots.map((s) => s.slot);
  return [];
}
