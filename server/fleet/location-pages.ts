import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { locations } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { pageCursorAfter, readPageCursor } from "../input/cursor";
import { machinePageInput } from "./contract";

const publicLocation = {
  id: locations.id,
  name: locations.name,
  address: locations.address,
  kind: locations.kind,
  latitude: locations.latitude,
  longitude: locations.longitude,
  createdAt: locations.createdAt,
};

/**
 * The org's locations a page at a time, oldest first, for integrators: keyset paging on
 * (created at, id), so a page never skips or repeats a location while others are added.
 */
export async function listLocationPage(ctx: ServiceCtx, raw: z.input<typeof machinePageInput>) {
  const { limit, cursor } = machinePageInput.parse(raw);
  const after = cursor ? readPageCursor(cursor) : null;
  const createdMs = sql`date_trunc('milliseconds', ${locations.createdAt})`;
  const rows = await ctx.db
    .select(publicLocation)
    .from(locations)
    .where(and(eq(locations.orgId, ctx.orgId), after ? sql`(${createdMs}, ${locations.id}) > (${after.atText}::timestamptz, ${after.id})` : undefined))
    .orderBy(asc(createdMs), asc(locations.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? pageCursorAfter(last.createdAt, last.id) : null };
}

/** One location of the org; another org's location is not found. */
export async function getLocation(ctx: ServiceCtx, locationId: string) {
  const [row] = await ctx.db
    .select(publicLocation)
    .from(locations)
    .where(and(eq(locations.orgId, ctx.orgId), eq(locations.id, locationId)));
  if (!row) throw notFound("Location");
  return row;
}
