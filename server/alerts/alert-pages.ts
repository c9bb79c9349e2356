import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { alerts } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { pageCursorAfter, readPageCursor } from "../input/cursor";
import { alertPageInput } from "./contract";

// Postgres keeps microseconds; a cursor carries milliseconds, so rows are ordered at that precision.
const createdMs = sql`date_trunc('milliseconds', ${alerts.createdAt})`;

/**
 * The org's alerts a page at a time, newest raised first, for integrators: keyset paging on
 * (created at, id), so a page never skips or repeats an alert while new ones are raised. Every
 * status unless filtered.
 */
export async function listAlertPage(ctx: ServiceCtx, raw: z.input<typeof alertPageInput>) {
  const q = alertPageInput.parse(raw);
  const after = q.cursor ? readPageCursor(q.cursor) : null;
  const rows = await ctx.db
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.orgId, ctx.orgId),
        q.status ? eq(alerts.status, q.status) : undefined,
        q.severity ? eq(alerts.severity, q.severity) : undefined,
        q.rule ? eq(alerts.rule, q.rule) : undefined,
        q.machineId ? eq(alerts.machineId, q.machineId) : undefined,
        after ? sql`(${createdMs}, ${alerts.id}) < (${after.atText}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(createdMs), desc(alerts.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? pageCursorAfter(last.createdAt, last.id) : null };
}
