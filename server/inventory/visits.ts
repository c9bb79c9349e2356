import "server-only";
import { and, desc, eq, gte, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { routeVisits, serviceVisits, slots, users } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { fieldError } from "~/server/errors";
import { inventoryMessages, listVisitsInput, type slotCountsInput } from "./contract";

/**
 * Checks a technician's counts against the machine's planogram: every slot must exist and no
 * count may exceed the slot's capacity. The field errors point at the count at fault.
 */
export async function checkVisitCounts(ctx: ServiceCtx, input: { machineId: string; counts: z.output<typeof slotCountsInput> }): Promise<void> {
  const planogram = await ctx.db
    .select({ code: slots.code, capacity: slots.capacity })
    .from(slots)
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, input.machineId)));
  const capacityOf = new Map(planogram.map((s) => [s.code, s.capacity]));
  for (const [i, c] of input.counts.entries()) {
    const capacity = capacityOf.get(c.slot);
    if (capacity === undefined) throw fieldError(`counts.${i}.quantity`, inventoryMessages.slot_not_in_planogram, { slot: c.slot });
    if (c.quantity > capacity) throw fieldError(`counts.${i}.quantity`, inventoryMessages.slot_over_capacity, { slot: c.slot, capacity });
  }
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

/** Recorded visits, newest first, with who made them. */
export async function listVisits(ctx: ServiceCtx, raw: z.input<typeof listVisitsInput> = {}) {
  const input = listVisitsInput.parse(raw);
  return ctx.db
    .select({
      id: routeVisits.id,
      machineId: routeVisits.machineId,
      routeId: routeVisits.routeId,
      occurredAt: routeVisits.occurredAt,
      counts: routeVisits.counts,
      technicianName: users.name,
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
