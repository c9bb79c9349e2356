import "server-only";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { machineAudits } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { pageCursorAfter, readPageCursor } from "~/server/input/cursor";
import { auditPageInput } from "./contract";
import { auditListColumns } from "./store";
import { salesSummaries } from "./views";

// A cursor carries milliseconds; rows are ordered at that precision so none is skipped.
const readMs = sql`date_trunc('milliseconds', ${machineAudits.readAt})`;

/**
 * An audit has findings when the parser or the cross-checks left a quality note, or when, since
 * the read before, telemetry missed vends on a selection or its sales could not be told.
 */
const hasFindings = sql<boolean>`(jsonb_array_length(${machineAudits.quality}) > 0 or exists (
  select 1 from audit_sales s where s.org_id = ${machineAudits.orgId} and s.audit_id = ${machineAudits.id}
    and ((s.units > s.recorded_units and s.flag is distinct from 'reset') or s.flag in ('new_selection', 'reset', 'went_back', 'no_value'))))`;

/**
 * The org's DEX audits a page at a time, newest read first, for integrators: keyset paging on
 * (read at, id), without the raw bytes, each with its sales summary since the read before.
 */
export async function listAuditPage(ctx: ServiceCtx, raw: z.input<typeof auditPageInput>) {
  const q = auditPageInput.parse(raw);
  const after = q.cursor ? readPageCursor(q.cursor) : null;
  const rows = await ctx.db
    .select({ ...auditListColumns, hasFindings })
    .from(machineAudits)
    .where(
      and(
        eq(machineAudits.orgId, ctx.orgId),
        q.machineId ? eq(machineAudits.machineId, q.machineId) : undefined,
        q.from ? gte(machineAudits.readAt, q.from) : undefined,
        q.to ? lt(machineAudits.readAt, q.to) : undefined,
        q.hasFindings === undefined ? undefined : q.hasFindings ? hasFindings : sql`not ${hasFindings}`,
        after ? sql`(${readMs}, ${machineAudits.id}) < (${after.atText}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(readMs), desc(machineAudits.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const summaries = await salesSummaries(ctx, page.map((r) => r.id));
  const items = page.map((r) => ({ ...r, ...(summaries.get(r.id) ?? { unitsSinceLast: null, missedVends: 0, unmappedSelections: 0, flaggedSelections: 0 }) }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? pageCursorAfter(last.readAt, last.id) : null };
}
