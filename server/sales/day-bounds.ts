import "server-only";
import { eq } from "drizzle-orm";
import { organizations } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { addDays, startOfDay } from "../time";

/**
 * The instants a range of the org's calendar days begins and ends (`to` is the start of the day
 * after the last). Worked out before the query: bounds computed in SQL from the org's zone are not
 * leakproof, so under row-level security Postgres would filter the org's every sale with them
 * instead of searching the index (55 ms against 0.9 ms on 100,000 sales).
 */
export async function dayBounds(ctx: ServiceCtx, range: { from?: string; to?: string }): Promise<{ from?: Date; to?: Date }> {
  if (!range.from && !range.to) return {};
  const [org] = await ctx.db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, ctx.orgId));
  const timeZone = org?.timeZone ?? "UTC";
  return {
    from: range.from ? startOfDay(range.from, timeZone) : undefined,
    to: range.to ? startOfDay(addDays(range.to, 1), timeZone) : undefined,
  };
}
