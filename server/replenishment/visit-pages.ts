import "server-only";
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { routeVisits, users } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { notFound } from "~/server/errors";
import { pageCursorAfter, readPageCursor } from "~/server/input/cursor";
import { visitInput, visitPageInput } from "./contract";

// A cursor carries milliseconds; rows are ordered at that precision so none is skipped.
const occurredMs = sql`date_trunc('milliseconds', ${routeVisits.occurredAt})`;

const visitColumns = {
  id: routeVisits.id,
  machineId: routeVisits.machineId,
  routeId: routeVisits.routeId,
  technicianId: routeVisits.technicianId,
  technicianName: users.name,
  occurredAt: routeVisits.occurredAt,
  counts: routeVisits.counts,
  replacedCounts: routeVisits.replacedCounts,
  corrections: routeVisits.corrections,
  correctedAt: routeVisits.correctedAt,
  undoneAt: routeVisits.undoneAt,
  createdAt: routeVisits.createdAt,
  /** The cash counted at the visit and the audit file read at it, if any. */
  cashCollectionId: sql<string | null>`(select c.id from cash_collections c where c.org_id = ${routeVisits.orgId} and c.visit_id = ${routeVisits.id} order by c.occurred_at desc limit 1)`,
  auditId: sql<string | null>`(select a.id from machine_audits a where a.org_id = ${routeVisits.orgId} and a.visit_id = ${routeVisits.id} order by a.read_at desc limit 1)`,
};

function selectVisits(ctx: ServiceCtx, where: SQL) {
  return ctx.db.select(visitColumns).from(routeVisits).leftJoin(users, eq(users.id, routeVisits.technicianId)).where(where).$dynamic();
}

/**
 * The org's recorded visits a page at a time, newest first, for integrators: keyset paging on
 * (occurred at, id). Undone visits are listed too, marked.
 */
export async function listVisitPage(ctx: ServiceCtx, raw: z.input<typeof visitPageInput>) {
  const q = visitPageInput.parse(raw);
  const after = q.cursor ? readPageCursor(q.cursor) : null;
  const rows = await selectVisits(
    ctx,
    and(
      eq(routeVisits.orgId, ctx.orgId),
      q.machineId ? eq(routeVisits.machineId, q.machineId) : undefined,
      q.technicianId ? eq(routeVisits.technicianId, q.technicianId) : undefined,
      q.routeId ? eq(routeVisits.routeId, q.routeId) : undefined,
      q.from ? gte(routeVisits.occurredAt, q.from) : undefined,
      q.to ? lt(routeVisits.occurredAt, q.to) : undefined,
      after ? sql`(${occurredMs}, ${routeVisits.id}) < (${after.atText}::timestamptz, ${after.id})` : undefined,
    )!,
  )
    .orderBy(desc(occurredMs), desc(routeVisits.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? pageCursorAfter(last.occurredAt, last.id) : null };
}

/** One recorded visit of the org with its counts; another org's is not found. */
export async function getVisit(ctx: ServiceCtx, raw: z.input<typeof visitInput>) {
  const { visitId } = visitInput.parse(raw);
  const [row] = await selectVisits(ctx, and(eq(routeVisits.orgId, ctx.orgId), eq(routeVisits.id, visitId))!);
  if (!row) throw notFound("Visit");
  return row;
}
