import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { orgIdColumn, orgIsolation } from "./tenancy";

export const jobRunStatus = pgEnum("job_run_status", ["running", "succeeded", "failed"]);

/**
 * One run of a scheduled job for one window (the cron tick it stands for). The primary key makes
 * concurrent invocations of a window run it once; the lease lets another take over a run whose
 * process died. System-wide and owner-only: per-organization results live with each domain.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    job: text("job").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    status: jobRunStatus("status").notNull(),
    attempt: integer("attempt").notNull().default(1),
    trigger: text("trigger").notNull(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    rowsTouched: integer("rows_touched"),
    error: text("error"),
  },
  (t) => [primaryKey({ columns: [t.job, t.windowStart] }), index("job_runs_started_idx").on(t.startedAt)],
);

/**
 * One organization's part of a job run: the unit of progress, so a run that stops at its time
 * budget resumes with the organizations left. Visible to that organization's admins.
 */
export const jobRunOrgs = pgTable(
  "job_run_orgs",
  {
    job: text("job").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    orgId: orgIdColumn(),
    status: jobRunStatus("status").notNull(),
    trigger: text("trigger").notNull(),
    attempt: integer("attempt").notNull().default(1),
    leaseUntil: timestamp("lease_until", { withTimezone: true }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    rowsTouched: integer("rows_touched"),
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.job, t.windowStart, t.orgId] }),
    index("job_run_orgs_org_idx").on(t.orgId, t.startedAt),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type JobRun = typeof jobRuns.$inferSelect;
export type JobRunOrg = typeof jobRunOrgs.$inferSelect;
