import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client";

/** Deletes the hours machines reported in that are older than `months` before `now`; returns how many. */
export async function pruneReportHours(db: Db, input: { now: Date; months: number }): Promise<number> {
  const result = await db.execute(sql`delete from machine_report_hours where hour < ${input.now.toISOString()}::timestamptz - make_interval(months => ${input.months})`);
  const counted = result as { rowCount?: number | null; affectedRows?: number };
  return counted.rowCount ?? counted.affectedRows ?? 0;
}
