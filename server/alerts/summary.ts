import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { alerts } from "~/db/schema";
import type { ServiceCtx } from "../context";

/** Alerts not yet resolved (open or acknowledged) in the org. */
export async function countOpenAlerts(ctx: ServiceCtx): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(and(eq(alerts.orgId, ctx.orgId), ne(alerts.status, "resolved")));
  return Number(row?.n ?? 0);
}
