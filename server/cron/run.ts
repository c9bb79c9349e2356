import "server-only";
import type { Db } from "~/db/client";
import { findJob, runDue, type RunOutcome } from "~/server/jobs";

/**
 * Runs every window the named job owes now, as Vercel Cron asks for it; null when no job has that
 * name (the database is opened only for a job that exists).
 */
export async function runCronJob(name: string, getDb: () => Promise<Db>): Promise<{ job: string; runs: RunOutcome[] } | null> {
  const job = findJob(name);
  if (!job) return null;
  const runs = await runDue(await getDb(), { job, now: new Date(), trigger: "cron" });
  return { job: job.name, runs };
}
