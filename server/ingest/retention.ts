import "server-only";
import { sql } from "drizzle-orm";
import { affectedRows, type Db } from "~/db/client";

/**
 * Deletes the hours machines reported in that are older than `minMonths` before `now`, or than the
 * organization's raw event retention where that is longer: the hours are read from the events, so
 * an organization keeping its events longer keeps the hours they gave. Returns how many.
 */
export async function pruneReportHours(db: Db, input: { now: Date; minMonths: number }): Promise<number> {
  return affectedRows(
    await db.execute(sql`delete from machine_report_hours h using organizations o
      where o.id = h.org_id
        and h.hour < ${input.now.toISOString()}::timestamptz - make_interval(months => greatest(${input.minMonths}::int, o.event_retention_months))`),
  );
}
