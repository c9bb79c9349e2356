import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { locations, machines, organizations } from "~/db/schema";
import { recordAudit } from "~/server/tenancy";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { locationInput, updateLocationInput } from "./contract";
import { expectedCashMinor, revenue7dMinor, revenueTodayMinor } from "./fleet-views";

export async function createLocation(ctx: ServiceCtx, raw: z.input<typeof locationInput>) {
  const input = locationInput.parse(raw);
  const [location] = await ctx.db.insert(locations).values({ id: newId("loc"), orgId: ctx.orgId, ...input }).returning();
  await recordAudit(ctx, { action: "location.created", targetType: "location", targetId: location!.id, data: { name: input.name } });
  return location!;
}

export async function updateLocation(ctx: ServiceCtx, raw: z.input<typeof updateLocationInput>) {
  const { locationId, ...input } = updateLocationInput.parse(raw);
  const [location] = await ctx.db
    .update(locations)
    .set(input)
    .where(and(eq(locations.id, locationId), eq(locations.orgId, ctx.orgId)))
    .returning();
  if (!location) throw notFound("Location");
  await recordAudit(ctx, { action: "location.updated", targetType: "location", targetId: locationId, data: input });
  return location;
}

/** A machine figure summed over the machines at the outer location (the query joins `organizations`). */
const atLocation = (figure: SQL) =>
  sql<number>`(select coalesce(sum(${figure}), 0)::bigint from ${machines}
    where ${machines.orgId} = ${locations.orgId} and ${machines.locationId} = ${locations.id})`.mapWith((v: unknown) => Number(v ?? 0));

/** Locations with how many machines each holds and their money: revenue today and 7 days, cash in the boxes. */
export async function listLocations(ctx: ServiceCtx) {
  return ctx.db
    .select({
      id: locations.id,
      name: locations.name,
      address: locations.address,
      kind: locations.kind,
      latitude: locations.latitude,
      longitude: locations.longitude,
      createdAt: locations.createdAt,
      // Qualified by hand: in a one-table select Drizzle writes a bare "id", which inside this
      // subquery would mean the machine's id.
      machineCount: sql<number>`(select count(*)::int from ${machines} m where m.location_id = ${locations}.id)`,
      // The money of the machines standing there now, summed from the fleet list's figures.
      currency: organizations.currency,
      revenueTodayMinor: atLocation(revenueTodayMinor),
      revenue7dMinor: atLocation(revenue7dMinor),
      expectedCashMinor: atLocation(expectedCashMinor),
    })
    .from(locations)
    .innerJoin(organizations, eq(organizations.id, locations.orgId))
    .where(eq(locations.orgId, ctx.orgId))
    .orderBy(asc(locations.name));
}

export async function assertLocation(ctx: ServiceCtx, locationId: string) {
  const [row] = await ctx.db
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.orgId, ctx.orgId)));
  if (!row) throw notFound("Location");
}
