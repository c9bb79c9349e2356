import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { machines } from "~/db/schema";
import { notFound } from "../errors";
import type { ServiceCtx } from "../context";
import { pageCursorAfter, readPageCursor } from "../input/cursor";
import { machinePageInput } from "./contract";
import { fleetStatus } from "./presence";

const publicMachine = {
  id: machines.id,
  name: machines.name,
  serial: machines.serial,
  model: machines.model,
  status: fleetStatus(),
  locationId: machines.locationId,
  lastSeenAt: machines.lastSeenAt,
  firmware: machines.firmware,
  temperatureC: machines.temperatureC,
  createdAt: machines.createdAt,
};

/**
 * The org's machines a page at a time, oldest first, for integrators: keyset paging on
 * (created at, id), so a page never skips or repeats a machine while others are added.
 */
export async function listMachinePage(ctx: ServiceCtx, raw: z.input<typeof machinePageInput>) {
  const { limit, cursor } = machinePageInput.parse(raw);
  const after = cursor ? readPageCursor(cursor) : null;
  const rows = await ctx.db
    .select(publicMachine)
    .from(machines)
    .where(
      and(
        eq(machines.orgId, ctx.orgId),
        after ? sql`(date_trunc('milliseconds', ${machines.createdAt}), ${machines.id}) > (${after.atText}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(sql`date_trunc('milliseconds', ${machines.createdAt})`), asc(machines.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? pageCursorAfter(last.createdAt, last.id) : null };
}

/** One machine of the org as integrators see it; another org's machine is not found. */
export async function getPublicMachine(ctx: ServiceCtx, machineId: string) {
  const [row] = await ctx.db
    .select(publicMachine)
    .from(machines)
    .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, machineId)));
  if (!row) throw notFound("Machine");
  return row;
}
