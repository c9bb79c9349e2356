import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { newId } from "~/db/ids";
import { machines, routeMachines, routes } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { ServiceError, fieldError, notFound } from "../errors";
import { isUniqueViolation } from "../input/concurrent-change";
import { recordAudit } from "~/server/tenancy";
import { listMembers } from "~/server/tenancy";
import { hasRole } from "../tenancy/contract";

export const routeInput = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
  technicianId: z.string().min(1).max(64).nullable().default(null),
  notes: z.string().trim().max(1000, "Use at most 1,000 characters.").default(""),
  /** The route's machines in visiting order. */
  machineIds: z
    .array(z.string().min(1).max(64))
    .max(500, "A route has at most 500 machines.")
    .refine((ids) => new Set(ids).size === ids.length, "Each machine may appear once.")
    .default([]),
});

export const routeIdInput = z.object({ routeId: z.string().min(1).max(64) });
export const updateRouteInput = routeInput.extend(routeIdInput.shape);

const nameTaken = () =>
  new ServiceError("CONFLICT", "Another route already has this name.", { fieldErrors: { name: ["Another route already has this name."] } });

/** Routes with their technician and machines (in visiting order). */
export async function listRoutes(ctx: ServiceCtx) {
  // One after another: the reads share the caller's transaction (one connection).
  const rows = await ctx.db.select().from(routes).where(eq(routes.orgId, ctx.orgId)).orderBy(asc(routes.name));
  const members = await listMembers(ctx);
  const stops = await ctx.db
    .select({ routeId: routeMachines.routeId, machineId: routeMachines.machineId, position: routeMachines.position, name: machines.name })
    .from(routeMachines)
    .innerJoin(machines, eq(machines.id, routeMachines.machineId))
    .where(eq(routeMachines.orgId, ctx.orgId))
    .orderBy(asc(routeMachines.position));
  const memberById = new Map(members.map((m) => [m.userId, m]));
  return rows.map((r) => {
    const tech = r.technicianId ? memberById.get(r.technicianId) : undefined;
    return {
      id: r.id,
      name: r.name,
      notes: r.notes,
      technician: tech ? { id: tech.userId, name: tech.name, email: tech.email } : null,
      machines: stops.filter((s) => s.routeId === r.id).map((s) => ({ id: s.machineId, name: s.name })),
      updatedAt: r.updatedAt,
    };
  });
}

export type RouteSummary = Awaited<ReturnType<typeof listRoutes>>[number];

export async function getRoute(ctx: ServiceCtx, routeId: string): Promise<RouteSummary> {
  const route = (await listRoutes(ctx)).find((r) => r.id === routeId);
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
  if (!member) throw fieldError("technicianId", "Choose a member of this organization.");
  if (!hasRole(member.role, "technician")) throw fieldError("technicianId", "Choose a member with the technician role or above.");
}

async function assertMachines(ctx: ServiceCtx, ids: string[]) {
  if (ids.length === 0) return;
  const found = await ctx.db
    .select({ id: machines.id })
    .from(machines)
    .where(and(eq(machines.orgId, ctx.orgId), inArray(machines.id, ids)));
  if (found.length !== ids.length) throw new ServiceError("NOT_FOUND", "Machine not found", { fieldErrors: { machineIds: ["A machine on this route was not found."] } });
}

/**
 * Puts the machines on the route in order, taking them off any other route. The upsert on the
 * one-route-per-machine key settles a concurrent save that took the same machine a moment ago:
 * this one waits for it and then moves the machine here, where a delete-then-insert would fail.
 */
async function setStops(ctx: ServiceCtx, routeId: string, machineIds: string[]) {
  await ctx.db
    .delete(routeMachines)
    .where(and(eq(routeMachines.orgId, ctx.orgId), eq(routeMachines.routeId, routeId), machineIds.length > 0 ? notInArray(routeMachines.machineId, machineIds) : undefined));
  if (machineIds.length === 0) return;
  await ctx.db
    .insert(routeMachines)
    // In one order of machine ids, so two saves that share machines lock them in the same order.
    .values(machineIds.map((machineId, position) => ({ orgId: ctx.orgId, routeId, machineId, position })).sort((a, b) => (a.machineId < b.machineId ? -1 : 1)))
    .onConflictDoUpdate({ target: routeMachines.machineId, set: { routeId: sql`excluded.route_id`, position: sql`excluded.position` } });
}

/** Locks the route's row, so saves of one route apply one after another; NOT_FOUND if it is gone. */
async function lockRoute(ctx: ServiceCtx, routeId: string) {
  const [route] = await ctx.db
    .select({ id: routes.id })
    .from(routes)
    .where(and(eq(routes.orgId, ctx.orgId), eq(routes.id, routeId)))
    .for("update");
  if (!route) throw notFound("Route");
}

export async function createRoute(ctx: ServiceCtx, raw: z.input<typeof routeInput>) {
  const input = routeInput.parse(raw);
  await assertTechnician(ctx, input.technicianId);
  await assertMachines(ctx, input.machineIds);
  const [route] = await ctx.db
    .insert(routes)
    .values({ id: newId("rte"), orgId: ctx.orgId, name: input.name, technicianId: input.technicianId, notes: input.notes })
    .onConflictDoNothing()
    .returning();
  if (!route) throw nameTaken();
  await setStops(ctx, route.id, input.machineIds);
  await recordAudit(ctx, {
    action: "route.created",
    targetType: "route",
    targetId: route.id,
    data: { name: route.name, technicianId: route.technicianId, machineIds: input.machineIds },
  });
  return getRoute(ctx, route.id);
}

export async function updateRoute(ctx: ServiceCtx, raw: z.input<typeof updateRouteInput>) {
  const { routeId, ...input } = updateRouteInput.parse(raw);
  await lockRoute(ctx, routeId);
  const before = await getRoute(ctx, routeId);
  await assertTechnician(ctx, input.technicianId);
  await assertMachines(ctx, input.machineIds);
  const clash = await ctx.db
    .select({ id: routes.id })
    .from(routes)
    .where(and(eq(routes.orgId, ctx.orgId), eq(routes.name, input.name), sql`${routes.id} <> ${routeId}`));
  if (clash.length > 0) throw nameTaken();
  await ctx.db
    .update(routes)
    .set({ name: input.name, technicianId: input.technicianId, notes: input.notes, updatedAt: new Date() })
    .where(and(eq(routes.orgId, ctx.orgId), eq(routes.id, routeId)))
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
      from: { name: before.name, technicianId: before.technician?.id ?? null, machineIds: before.machines.map((m) => m.id) },
      to: { name: input.name, technicianId: input.technicianId, machineIds: input.machineIds },
    },
  });
  return getRoute(ctx, routeId);
}

export async function deleteRoute(ctx: ServiceCtx, raw: z.input<typeof routeIdInput>) {
  const { routeId } = routeIdInput.parse(raw);
  await lockRoute(ctx, routeId);
  const before = await getRoute(ctx, routeId);
  await ctx.db.delete(routes).where(and(eq(routes.orgId, ctx.orgId), eq(routes.id, routeId)));
  await recordAudit(ctx, { action: "route.deleted", targetType: "route", targetId: routeId, data: { name: before.name } });
  return { id: routeId };
}
