import { and, desc, eq, gte } from "drizzle-orm";
import { z } from "zod";
import { newId } from "~/db/ids";
import { routeVisits, slots, users } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { ServiceError, fieldError } from "../errors";
import { getMachine } from "~/server/fleet";
import { instant } from "../input/calendar";
import { ingestBatch } from "~/server/ingest";
import { recordAudit } from "~/server/tenancy";
import { getRoute } from "./routes";

export const recordVisitInput = z.object({
  machineId: z.string().min(1).max(64),
  routeId: z.string().min(1).max(64).nullable().default(null),
  /** Chosen by the device when the visit form opens: a repeated submit is the same visit. */
  visitKey: z.string().regex(/^[A-Za-z0-9_-]{8,48}$/, "A visit key is 8 to 48 letters, digits, - or _."),
  /** Absolute counts per slot after the fill. */
  counts: z
    .array(
      z.object({
        slot: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z0-9]{1,8}$/, "A slot code is 1 to 8 letters or digits."),
        quantity: z.number("Enter a count.").int("Enter a whole number.").min(0, "A count cannot be negative.").max(9999),
      }),
    )
    .min(1, "Count at least one slot.")
    .max(200)
    .refine((list) => new Set(list.map((c) => c.slot)).size === list.length, "Each slot may be counted once."),
});

/**
 * Records a technician's restock visit: the counts go through the machine ingest as one
 * `inventory.restocked` event (so stock, stockouts and the service visit follow the protocol's
 * rules exactly), attributed to the technician and audited. The visit key makes it idempotent.
 * It is a person's report, not the machine's: the machine's last seen, state and uptime stay as
 * the machine itself left them.
 */
export async function recordVisit(ctx: ServiceCtx, raw: z.input<typeof recordVisitInput>, now = new Date()) {
  const input = recordVisitInput.parse(raw);
  const machine = await getMachine(ctx, input.machineId);
  if (input.routeId) await getRoute(ctx, input.routeId);
  const planogram = await ctx.db
    .select({ code: slots.code, capacity: slots.capacity })
    .from(slots)
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, machine.id)));
  const capacityOf = new Map(planogram.map((s) => [s.code, s.capacity]));
  for (const [i, c] of input.counts.entries()) {
    const capacity = capacityOf.get(c.slot);
    if (capacity === undefined) throw fieldError(`counts.${i}.quantity`, `Slot ${c.slot} is not in this machine's planogram.`);
    if (c.quantity > capacity) throw fieldError(`counts.${i}.quantity`, `Slot ${c.slot} holds at most ${capacity}; check the count.`);
  }

  const eventId = `visit:${input.visitKey}`;
  const technicianId = ctx.actor.type === "user" ? ctx.actor.id : null;
  const [visit] = await ctx.db
    .insert(routeVisits)
    .values({
      id: newId("rvs"),
      orgId: ctx.orgId,
      visitKey: input.visitKey,
      routeId: input.routeId,
      machineId: machine.id,
      technicianId,
      eventId,
      occurredAt: now,
      counts: input.counts,
    })
    .onConflictDoNothing()
    .returning();
  if (!visit) {
    const [existing] = await ctx.db.select().from(routeVisits).where(and(eq(routeVisits.orgId, ctx.orgId), eq(routeVisits.visitKey, input.visitKey)));
    if (!existing || existing.machineId !== machine.id) throw new ServiceError("CONFLICT", "This visit key was already used for another machine.");
    return { visit: existing, duplicate: true };
  }

  const outcome = await ingestBatch(
    ctx,
    machine.id,
    [{ id: eventId, type: "inventory.restocked", occurredAt: now.toISOString(), data: { slots: input.counts, visitId: input.visitKey } }],
    now,
  );
  const result = outcome.results[0];
  if (result?.status === "rejected") throw new ServiceError("BAD_REQUEST", result.error.message);
  await recordAudit(ctx, {
    action: "visit.recorded",
    targetType: "machine",
    targetId: machine.id,
    data: { visitId: visit.id, routeId: input.routeId, counts: input.counts },
  });
  return { visit, duplicate: false };
}

export const listVisitsInput = z.object({
  machineId: z.string().min(1).max(64).optional(),
  routeId: z.string().min(1).max(64).optional(),
  /** Only visits at or after this moment. */
  since: instant.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

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
