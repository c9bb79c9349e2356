import "server-only";
import { and, desc, eq, gt, gte, inArray, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { routeVisits, serviceVisits, slots, users } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { fieldError } from "~/server/errors";
import { inventoryMessages, listVisitsInput, type slotCountsInput } from "./contract";

/**
 * Checks a technician's counts against the machine's planogram: every slot must exist and no
 * count may exceed the slot's capacity. The field errors point at the count at fault. Returns the
 * stock the counts replace, slot by slot, so the visit can be undone.
 */
export async function checkVisitCounts(ctx: ServiceCtx, input: { machineId: string; counts: z.output<typeof slotCountsInput> }): Promise<{ slot: string; quantity: number }[]> {
  const planogram = await ctx.db
    .select({ code: slots.code, capacity: slots.capacity, stock: slots.stock })
    .from(slots)
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, input.machineId)));
  const slotOf = new Map(planogram.map((s) => [s.code, s]));
  return input.counts.map((c, i) => {
    const slot = slotOf.get(c.slot);
    if (!slot) throw fieldError(`counts.${i}.quantity`, inventoryMessages.slot_not_in_planogram, { slot: c.slot });
    if (c.quantity > slot.capacity) throw fieldError(`counts.${i}.quantity`, inventoryMessages.slot_over_capacity, { slot: c.slot, capacity: slot.capacity });
    return { slot: c.slot, quantity: slot.stock };
  });
}

/** Whether the machine was restocked (by anyone) after `at`, other than through the given events. */
export async function restockedAfter(ctx: ServiceCtx, input: { machineId: string; at: Date }): Promise<boolean> {
  const [later] = await ctx.db
    .select({ id: serviceVisits.id })
    .from(serviceVisits)
    .where(and(eq(serviceVisits.orgId, ctx.orgId), eq(serviceVisits.machineId, input.machineId), gt(serviceVisits.occurredAt, input.at)))
    .limit(1);
  return Boolean(later);
}

/**
 * Forgets the service visits the given restock events made: a visit undone did not happen, and a
 * correction of a visit's counts is not a visit of its own. The stock they set stays as counted.
 */
export async function forgetServiceVisits(ctx: ServiceCtx, input: { machineId: string; eventIds: string[] }): Promise<void> {
  if (input.eventIds.length === 0) return;
  await ctx.db
    .delete(serviceVisits)
    .where(and(eq(serviceVisits.orgId, ctx.orgId), eq(serviceVisits.machineId, input.machineId), inArray(serviceVisits.eventId, input.eventIds)));
}

export interface ServiceVisitFact {
  eventId: string;
  /** The machine's own visit id, if it sent one. */
  externalId: string | null;
  occurredAt: Date;
  slots: { slot: string; quantity: number }[];
}

/** Records restock visits reported through the machine protocol, one row per visit: a statement of the ingest script. */
export function serviceVisitsStatement(ctx: ServiceCtx, input: { machineId: string; visits: ServiceVisitFact[] }): SQL | null {
  if (input.visits.length === 0) return null;
  return ctx.db.insert(serviceVisits).values(
    input.visits.map((v) => ({
      id: newId("vis"),
      orgId: ctx.orgId,
      machineId: input.machineId,
      externalId: v.externalId,
      eventId: v.eventId,
      source: "machine",
      occurredAt: v.occurredAt,
      slots: v.slots,
    })),
  ).getSQL();
}

/** Recorded visits, newest first, with who made them (undone ones too, marked). */
export async function listVisits(ctx: ServiceCtx, raw: z.input<typeof listVisitsInput> = {}) {
  const input = listVisitsInput.parse(raw);
  return ctx.db
    .select({
      id: routeVisits.id,
      visitKey: routeVisits.visitKey,
      machineId: routeVisits.machineId,
      routeId: routeVisits.routeId,
      occurredAt: routeVisits.occurredAt,
      counts: routeVisits.counts,
      technicianId: routeVisits.technicianId,
      technicianName: users.name,
      correctedAt: routeVisits.correctedAt,
      /** Set when the visit was undone: it is kept, but its counts no longer stand. */
      undoneAt: routeVisits.undoneAt,
    })
    .from(routeVisits)
    .leftJoin(users, eq(users.id, routeVisits.technicianId))
    .where(
      and(
        eq(routeVisits.orgId, ctx.orgId),
        input.machineId ? eq(routeVisits.machineId, input.machineId) : undefined,
        input.routeId ? eq(routeVisits.routeId, input.routeId) : undefined,
        input.since ? gte(routeVisits.occurredAt, input.since) : undefined,
      ),
    )
    .orderBy(desc(routeVisits.occurredAt))
    .limit(input.limit);
}
