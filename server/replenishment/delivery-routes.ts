import "server-only";
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { deliveryRouteMachines, deliveryRoutes, machines } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { ServiceError, fieldError, notFound } from "~/server/errors";
import { isUniqueViolation } from "~/server/input/concurrent-change";
import { listMembers, recordAudit } from "~/server/tenancy";
import { hasRole } from "~/server/tenancy/contract";
import { deliveryRouteIdInput, deliveryRouteInput, replenishmentMessages, updateDeliveryRouteInput } from "./contract";

/** A route's working days and daily capacity as stored. */
const workRules = (input: z.output<typeof deliveryRouteInput>) => ({
  workingDays: input.workingDays ? [...input.workingDays].sort((a, b) => a - b) : null,
  maxStops: input.maxStops,
  maxUnits: input.maxUnits,
});

const nameTaken = () => new ServiceError("CONFLICT", replenishmentMessages.route_name_taken, {}, { field: "name" });

/** Delivery routes with their technician and machines (in visiting order). */
export async function listDeliveryRoutes(ctx: ServiceCtx) {
  // One after another: the reads share the caller's transaction (one connection).
  const rows = await ctx.db.select().from(deliveryRoutes).where(eq(deliveryRoutes.orgId, ctx.orgId)).orderBy(asc(deliveryRoutes.name));
  const members = await listMembers(ctx);
  const stops = await ctx.db
    .select({ routeId: deliveryRouteMachines.routeId, machineId: deliveryRouteMachines.machineId, position: deliveryRouteMachines.position, name: machines.name })
    .from(deliveryRouteMachines)
    .innerJoin(machines, eq(machines.id, deliveryRouteMachines.machineId))
    .where(eq(deliveryRouteMachines.orgId, ctx.orgId))
    .orderBy(asc(deliveryRouteMachines.position));
  const memberById = new Map(members.map((m) => [m.userId, m]));
  return rows.map((r) => {
    const tech = r.technicianId ? memberById.get(r.technicianId) : undefined;
    return {
      id: r.id,
      name: r.name,
      notes: r.notes,
      /** Own working days (0 = Monday), or null for the org's. */
      workingDays: r.workingDays ? [...r.workingDays].sort((a, b) => a - b) : null,
      maxStops: r.maxStops,
      maxUnits: r.maxUnits,
      technician: tech ? { id: tech.userId, name: tech.name, email: tech.email } : null,
      machines: stops.filter((s) => s.routeId === r.id).map((s) => ({ id: s.machineId, name: s.name })),
      updatedAt: r.updatedAt,
    };
  });
}

export type DeliveryRoute = Awaited<ReturnType<typeof listDeliveryRoutes>>[number];

export async function getDeliveryRoute(ctx: ServiceCtx, input: { routeId: string }): Promise<DeliveryRoute> {
  const route = (await listDeliveryRoutes(ctx)).find((r) => r.id === input.routeId);
  if (!route) throw notFound("Route");
  return route;
}

/** The members who may be given a route: technicians and above. */
export async function listTechnicians(ctx: ServiceCtx) {
  return (await listMembers(ctx)).filter((m) => hasRole(m.role, "technician")).map((m) => ({ id: m.userId, name: m.name, email: m.email, role: m.role }));
}

async function assertTechnician(ctx: ServiceCtx, userId: string | null) {
  if (!userId) return;
  const member = (await listMembers(ctx)).find((m) => m.userId === userId);
  if (!member) throw fieldError("technicianId", replenishmentMessages.technician_not_member);
  if (!hasRole(member.role, "technician")) throw fieldError("technicianId", replenishmentMessages.technician_role_too_low);
}

async function assertMachines(ctx: ServiceCtx, ids: string[]) {
  if (ids.length === 0) return;
  const found = await ctx.db
    .select({ id: machines.id })
    .from(machines)
    .where(and(eq(machines.orgId, ctx.orgId), inArray(machines.id, ids)));
  if (found.length !== ids.length) throw new ServiceError("NOT_FOUND", replenishmentMessages.route_machine_not_found, {}, { field: "machineIds" });
}

/**
 * Puts the machines on the route in order, taking them off any other route. The upsert on the
 * one-route-per-machine key settles a concurrent save that took the same machine a moment ago:
 * this one waits for it and then moves the machine here, where a delete-then-insert would fail.
 */
async function setStops(ctx: ServiceCtx, routeId: string, machineIds: string[]) {
  await ctx.db
    .delete(deliveryRouteMachines)
    .where(and(eq(deliveryRouteMachines.orgId, ctx.orgId), eq(deliveryRouteMachines.routeId, routeId), machineIds.length > 0 ? notInArray(deliveryRouteMachines.machineId, machineIds) : undefined));
  if (machineIds.length === 0) return;
  await ctx.db
    .insert(deliveryRouteMachines)
    // In one order of machine ids, so two saves that share machines lock them in the same order.
    .values(machineIds.map((machineId, position) => ({ orgId: ctx.orgId, routeId, machineId, position })).sort((a, b) => (a.machineId < b.machineId ? -1 : 1)))
    .onConflictDoUpdate({ target: deliveryRouteMachines.machineId, set: { routeId: sql`excluded.route_id`, position: sql`excluded.position` } });
}

/** Locks the route's row, so saves of one route apply one after another; NOT_FOUND if it is gone. */
async function lockRoute(ctx: ServiceCtx, routeId: string) {
  const [route] = await ctx.db
    .select({ id: deliveryRoutes.id })
    .from(deliveryRoutes)
    .where(and(eq(deliveryRoutes.orgId, ctx.orgId), eq(deliveryRoutes.id, routeId)))
    .for("update");
  if (!route) throw notFound("Route");
}

export async function createDeliveryRoute(ctx: ServiceCtx, raw: z.input<typeof deliveryRouteInput>) {
  const input = deliveryRouteInput.parse(raw);
  await assertTechnician(ctx, input.technicianId);
  await assertMachines(ctx, input.machineIds);
  const [route] = await ctx.db
    .insert(deliveryRoutes)
    .values({ id: newId("rte"), orgId: ctx.orgId, name: input.name, technicianId: input.technicianId, notes: input.notes, ...workRules(input) })
    .onConflictDoNothing()
    .returning();
  if (!route) throw nameTaken();
  await setStops(ctx, route.id, input.machineIds);
  await recordAudit(ctx, {
    action: "route.created",
    targetType: "route",
    targetId: route.id,
    data: { name: route.name, technicianId: route.technicianId, machineIds: input.machineIds, ...workRules(input) },
  });
  return getDeliveryRoute(ctx, { routeId: route.id });
}

export async function updateDeliveryRoute(ctx: ServiceCtx, raw: z.input<typeof updateDeliveryRouteInput>) {
  const { routeId, ...input } = updateDeliveryRouteInput.parse(raw);
  await lockRoute(ctx, routeId);
  const before = await getDeliveryRoute(ctx, { routeId });
  await assertTechnician(ctx, input.technicianId);
  await assertMachines(ctx, input.machineIds);
  const clash = await ctx.db
    .select({ id: deliveryRoutes.id })
    .from(deliveryRoutes)
    .where(and(eq(deliveryRoutes.orgId, ctx.orgId), eq(deliveryRoutes.name, input.name), sql`${deliveryRoutes.id} <> ${routeId}`));
  if (clash.length > 0) throw nameTaken();
  await ctx.db
    .update(deliveryRoutes)
    .set({ name: input.name, technicianId: input.technicianId, notes: input.notes, ...workRules(input), updatedAt: new Date() })
    .where(and(eq(deliveryRoutes.orgId, ctx.orgId), eq(deliveryRoutes.id, routeId)))
    .catch((error: unknown) => {
      // Another route took the name after the check above.
      if (isUniqueViolation(error, "routes_org_name_key")) throw nameTaken();
      throw error;
    });
  await setStops(ctx, routeId, input.machineIds);
  await recordAudit(ctx, {
    action: "route.updated",
    targetType: "route",
    targetId: routeId,
    data: {
      from: { name: before.name, technicianId: before.technician?.id ?? null, machineIds: before.machines.map((m) => m.id), workingDays: before.workingDays, maxStops: before.maxStops, maxUnits: before.maxUnits },
      to: { name: input.name, technicianId: input.technicianId, machineIds: input.machineIds, ...workRules(input) },
    },
  });
  return getDeliveryRoute(ctx, { routeId });
}

export async function deleteDeliveryRoute(ctx: ServiceCtx, raw: z.input<typeof deliveryRouteIdInput>) {
  const { routeId } = deliveryRouteIdInput.parse(raw);
  await lockRoute(ctx, routeId);
  const before = await getDeliveryRoute(ctx, { routeId });
  await ctx.db.delete(deliveryRoutes).where(and(eq(deliveryRoutes.orgId, ctx.orgId), eq(deliveryRoutes.id, routeId)));
  await recordAudit(ctx, { action: "route.deleted", targetType: "route", targetId: routeId, data: { name: before.name } });
  return { id: routeId };
}
