import "server-only";
import { sql } from "drizzle-orm";
import { affectedRows, type Db } from "~/db/client";

/** Deletes the hours machines reported in that are older than `months` before `now`; returns how many. */
export async function pruneReportHours(db: Db, input: { now: Date; months: number }): Promise<number> {
  return affectedRows(await db.execute(sql`delete from machine_report_hours where hour < ${input.now.toISOString()}::timestamptz - make_interval(months => ${input.months})`));
}
