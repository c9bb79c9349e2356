import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { jobRuns } from "~/db/schema";
import { ticksBetween } from "./schedule";

export interface JobContext {
  db: Db;
  /** The cron tick this run stands for. */
  window: Date;
  /** Stop taking on new work after this (ms since the epoch); the rest waits for the next run. */
  deadline: number;
}

export interface JobDefinition {
  name: string;
  /** Five-field cron expression, in UTC. */
  schedule: string;
  description: string;
  /** `unfinished`: the time budget ran out; the window is left for the next invocation to resume. */
  handler: (ctx: JobContext) => Promise<{ rowsTouched: number; unfinished?: boolean }>;
  /** How many missed windows a run catches up at most. */
  maxCatchUp?: number;
}

/** A run may take this long before another invocation may take it over. */
export const LEASE_SECONDS = 10 * 60;
/** Work stops being taken on after this, well inside Vercel's 300-second function limit. */
export const TIME_BUDGET_MS = 240_000;

export type RunOutcome = { window: Date; status: "succeeded" | "failed" | "skipped" | "unfinished"; rowsTouched?: number; error?: string; durationMs?: number };

/**
 * Runs one job for one window, at most once: the (job, window) key lets one invocation claim it;
 * a finished window is skipped, a failed one or one whose runner died (lease over) is run again.
 */
export async function runWindow(db: Db, input: { job: JobDefinition; window: Date; trigger: string; budgetMs?: number }): Promise<RunOutcome> {
  const { job, window, trigger } = input;
  const [claim] = await db
    .insert(jobRuns)
    .values({ job: job.name, windowStart: window, status: "running", trigger, leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .onConflictDoUpdate({
      target: [jobRuns.job, jobRuns.windowStart],
      set: {
        status: "running",
        attempt: sql`${jobRuns.attempt} + 1`,
        trigger,
        leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
        startedAt: sql`now()`,
        finishedAt: null,
        error: null,
      },
      setWhere: sql`${jobRuns.status} = 'failed' or (${jobRuns.status} = 'running' and ${jobRuns.leaseUntil} < now())`,
    })
    .returning({ attempt: jobRuns.attempt });
  if (!claim) return { window, status: "skipped" };

  const started = performance.now();
  const key = and(eq(jobRuns.job, job.name), eq(jobRuns.windowStart, window));
  try {
    const { rowsTouched, unfinished } = await job.handler({ db, window, deadline: Date.now() + (input.budgetMs ?? TIME_BUDGET_MS) });
    const durationMs = Math.round(performance.now() - started);
    if (unfinished) {
      // Still running, with the lease given up: the next invocation takes it over and resumes.
      await db.update(jobRuns).set({ leaseUntil: sql`now()`, durationMs, rowsTouched }).where(key);
      return { window, status: "unfinished", rowsTouched, durationMs };
    }
    await db.update(jobRuns).set({ status: "succeeded", finishedAt: sql`now()`, durationMs, rowsTouched }).where(key);
    return { window, status: "succeeded", rowsTouched, durationMs };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[jobs] ${job.name} @ ${window.toISOString()} failed:`, error);
    await db.update(jobRuns).set({ status: "failed", finishedAt: sql`now()`, durationMs, error: message.slice(0, 2000) }).where(key);
    return { window, status: "failed", error: message, durationMs };
  }
}

/**
 * The windows a job owes at `now`: every tick since its last recorded window (missed ones
 * included, up to `maxCatchUp`), or just the latest tick for a job that never ran.
 */
export async function dueWindows(db: Db, input: { job: JobDefinition; now: Date }): Promise<Date[]> {
  const { job, now } = input;
  const [last] = await db
    .select({ windowStart: jobRuns.windowStart })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job.name), sql`${jobRuns.trigger} <> 'manual'`))
    .orderBy(desc(jobRuns.windowStart))
    .limit(1);
  const max = job.maxCatchUp ?? 24;
  const ticks = ticksBetween(job.schedule, last?.windowStart ?? null, now, max);
  // Windows left unfinished at their time budget (or whose runner died) are resumed first.
  const resumable = await db
    .select({ windowStart: jobRuns.windowStart })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job.name), eq(jobRuns.status, "running"), sql`${jobRuns.leaseUntil} <= now()`, sql`${jobRuns.windowStart} > ${now.toISOString()}::timestamptz - interval '1 day'`))
    .orderBy(jobRuns.windowStart);
  const due = last ? ticks : ticks.slice(-1);
  const seen = new Set(due.map((d) => d.getTime()));
  return [...resumable.map((r) => r.windowStart).filter((d) => !seen.has(d.getTime())), ...due];
}

/** Runs every window a job owes now, oldest first. Safe to call from several places at once. */
export async function runDue(db: Db, input: { job: JobDefinition; now: Date; trigger: string }): Promise<RunOutcome[]> {
  const { job, now, trigger } = input;
  const outcomes: RunOutcome[] = [];
  for (const window of await dueWindows(db, { job, now })) outcomes.push(await runWindow(db, { job, window, trigger }));
  return outcomes;
}
