import "server-only";
import { sql } from "drizzle-orm";
import { affectedRows, type Db } from "~/db/client";
import { pruneNotifications } from "~/server/notifications";
import { pruneReportHours } from "~/server/ingest";
import { pruneIdempotencyKeys } from "~/server/tenancy";

/** How long records of finished work are kept. */
export const RETENTION_DAYS = { jobRuns: 14 } as const;
/**
 * Hours machines reported in feed monthly uptime; a month's statistics are kept once written, and a
 * catch-up reaches back 24 months. An organization keeping raw events longer keeps the hours as long.
 */
export const REPORT_HOURS_MONTHS = 25;

/**
 * Deletes what has served its purpose: job runs and their per-organization parts after 14 days,
 * delivered or given-up notification deliveries after 30, read in-app notifications after 90, the
 * hours machines reported in after 25 months (or the organization's longer event retention), the
 * API's idempotency keys after a day.
 * Open work (running jobs, pending deliveries, unread notifications) is never deleted.
 */
export async function pruneHistory(db: Db, now = new Date()): Promise<number> {
  const at = now.toISOString();
  let rows = 0;
  rows += affectedRows(await db.execute(sql`delete from job_run_orgs where status <> 'running' and started_at < ${at}::timestamptz - make_interval(days => ${RETENTION_DAYS.jobRuns})`));
  rows += affectedRows(await db.execute(sql`delete from job_runs where status <> 'running' and started_at < ${at}::timestamptz - make_interval(days => ${RETENTION_DAYS.jobRuns})`));
  rows += await pruneNotifications(db, { now });
  rows += await pruneReportHours(db, { now, minMonths: REPORT_HOURS_MONTHS });
  rows += await pruneIdempotencyKeys(db, { now });
  return rows;
}
