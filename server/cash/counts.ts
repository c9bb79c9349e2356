import "server-only";
import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { cashCollections, deliveryRoutes, machines, memberships, organizations, routeVisits, users, type CashCollection } from "~/db/schema";
import { getAlertSettings } from "~/server/alerts";
import { recordAudit } from "~/server/tenancy";
import type { ServiceCtx } from "../context";
import { ServiceError, fieldError, notFound } from "../errors";
import { SAME_VISIT_MS, cashMessages, recordCashCountInput } from "./contract";
import { publishCashCollected } from "./collection-events";
import { periodAt } from "./expected";
import { settleVarianceAlert } from "./variance";

/** Clocks of phones and machines differ a little; a count dated this far ahead is still now. */
const CLOCK_SKEW_MS = 5 * 60_000;

const byKey = (ctx: ServiceCtx, key: string) =>
  ctx.db
    .select()
    .from(cashCollections)
    .where(and(eq(cashCollections.orgId, ctx.orgId), eq(cashCollections.countKey, key)))
    .then((rows) => rows[0]);

/** The collection a repeated key names: the same count again, unless it was made on another machine. */
function repeated(existing: CashCollection, machineId: string) {
  if (existing.machineId !== machineId) throw new ServiceError("CONFLICT", cashMessages.key_taken, {}, { field: "key" });
  return { collection: existing, duplicate: true, reconciled: existing.source === "machine" };
}

/**
 * Records a technician's count of the cash taken out of a machine, with what should have been in
 * the box at that moment and the variance; raises a `cash_variance` alert beyond the org's
 * threshold, and writes the audit log. When the machine itself reported emptying its box within
 * `SAME_VISIT_MS` before, and nothing was collected since, the count completes that collection
 * (same emptying, same period) instead of adding a second one. The key makes it idempotent: a
 * repeat answers with the count already recorded.
 */
export async function recordCashCount(ctx: ServiceCtx, raw: z.input<typeof recordCashCountInput>) {
  const input = recordCashCountInput.parse(raw);
  const now = new Date();
  const at = input.occurredAt ?? now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw fieldError("occurredAt", cashMessages.counted_in_future);
  const [machine] = await ctx.db
    .select({ id: machines.id, currency: organizations.currency })
    .from(machines)
    .innerJoin(organizations, eq(organizations.id, machines.orgId))
    .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, input.machineId)));
  if (!machine) throw notFound("Machine");
  const technicianId = input.technicianId === undefined ? (ctx.actor.type === "user" ? ctx.actor.id : null) : input.technicianId;
  const technician = technicianId ? await memberName(ctx, technicianId) : null;
  await assertRouteAndVisit(ctx, { routeId: input.routeId, visitId: input.visitId });

  const before = await byKey(ctx, input.key);
  if (before) return repeated(before, machine.id);

  // The machine's latest collection up to the count; locked, so two counts cannot both complete it.
  const [latest] = await ctx.db
    .select()
    .from(cashCollections)
    .where(and(eq(cashCollections.orgId, ctx.orgId), eq(cashCollections.machineId, machine.id), lte(cashCollections.occurredAt, at)))
    .orderBy(desc(cashCollections.occurredAt), desc(cashCollections.id))
    .limit(1)
    .for("update");
  // A concurrent submit of the same key may have committed while this one waited for the lock.
  const raced = await byKey(ctx, input.key);
  if (raced) return repeated(raced, machine.id);
  const completes =
    latest && latest.source === "machine" && latest.countKey === null && at.getTime() - latest.occurredAt.getTime() <= SAME_VISIT_MS ? latest : null;

  const emptiedAt = completes ? completes.occurredAt : at;
  const period = await periodAt(ctx, { machineId: machine.id, at: emptiedAt, inclusive: false });
  const count = {
    countedMinor: input.countedMinor,
    expectedMinor: period.expectedMinor,
    periodStart: period.periodStart,
    countKey: input.key,
    technicianId,
    countedAt: now,
    routeId: input.routeId,
    visitId: input.visitId,
    note: input.note,
    variancePending: false,
  };
  let collection: CashCollection | undefined;
  if (completes) {
    [collection] = await ctx.db.update(cashCollections).set(count).where(eq(cashCollections.id, completes.id)).returning();
  } else {
    [collection] = await ctx.db
      .insert(cashCollections)
      .values({ id: newId("csh"), orgId: ctx.orgId, machineId: machine.id, source: "technician", eventId: input.key, amountMinor: input.countedMinor, currency: machine.currency, occurredAt: at, ...count })
      .onConflictDoNothing({ target: [cashCollections.orgId, cashCollections.countKey], where: sql`count_key is not null` })
      .returning();
    if (!collection) return repeated((await byKey(ctx, input.key))!, machine.id);
    await publishCashCollected(ctx, collection);
  }

  const settings = await getAlertSettings(ctx);
  const alerted = await settleVarianceAlert(ctx, { collection: collection!, settings, technician: technician?.name ?? null });
  await recordAudit(ctx, {
    action: "cash.counted",
    targetType: "machine",
    targetId: machine.id,
    data: {
      collectionId: collection!.id,
      key: input.key,
      countedMinor: input.countedMinor,
      expectedMinor: period.expectedMinor,
      varianceMinor: collection!.varianceMinor,
      currency: collection!.currency,
      technicianId,
      completedMachineReport: completes !== null,
      alerted,
    },
  });
  return { collection: collection!, duplicate: false, reconciled: completes !== null };
}

async function memberName(ctx: ServiceCtx, userId: string) {
  const [member] = await ctx.db
    .select({ name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, userId)));
  if (!member) throw fieldError("technicianId", cashMessages.technician_not_member);
  return member;
}

async function assertRouteAndVisit(ctx: ServiceCtx, input: { routeId: string | null; visitId: string | null }) {
  if (input.routeId) {
    const [route] = await ctx.db.select({ id: deliveryRoutes.id }).from(deliveryRoutes).where(and(eq(deliveryRoutes.orgId, ctx.orgId), eq(deliveryRoutes.id, input.routeId)));
    if (!route) throw new ServiceError("NOT_FOUND", cashMessages.route_not_found, {}, { field: "routeId" });
  }
  if (input.visitId) {
    const [visit] = await ctx.db.select({ id: routeVisits.id }).from(routeVisits).where(and(eq(routeVisits.orgId, ctx.orgId), eq(routeVisits.id, input.visitId)));
    if (!visit) throw new ServiceError("NOT_FOUND", cashMessages.visit_not_found, {}, { field: "visitId" });
  }
}
