import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { jobRunOrgs, organizations } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { jobContext, type ServiceCtx } from "~/server/context";
import { LEASE_SECONDS, type JobContext, type JobDefinition } from "./runner";

/** A job's work for one organization, in that organization's tenant transaction. */
export type OrgHandler = (ctx: ServiceCtx, window: Date) => Promise<{ rowsTouched: number }>;

type Claim = { job: string; window: Date; orgId: string; trigger: string };

/** Claims (job, window, org): true unless it is done or another invocation holds it. */
async function claimOrgPart(db: Db, c: Claim): Promise<boolean> {
  const lease = sql`now() + make_interval(secs => ${LEASE_SECONDS})`;
  const [row] = await db
    .insert(jobRunOrgs)
    .values({ job: c.job, windowStart: c.window, orgId: c.orgId, status: "running", trigger: c.trigger, leaseUntil: lease })
    .onConflictDoUpdate({
      target: [jobRunOrgs.job, jobRunOrgs.windowStart, jobRunOrgs.orgId],
      set: { status: "running", attempt: sql`${jobRunOrgs.attempt} + 1`, trigger: c.trigger, leaseUntil: lease, startedAt: sql`now()`, finishedAt: null, error: null },
      setWhere: sql`${jobRunOrgs.status} = 'failed' or (${jobRunOrgs.status} = 'running' and ${jobRunOrgs.leaseUntil} < now())`,
    })
    .returning({ attempt: jobRunOrgs.attempt });
  return Boolean(row);
}

async function finishOrgPart(db: Db, c: Claim, outcome: { rowsTouched?: number; error?: string; durationMs: number }) {
  await db
    .update(jobRunOrgs)
    .set({ status: outcome.error ? "failed" : "succeeded", finishedAt: sql`now()`, durationMs: outcome.durationMs, rowsTouched: outcome.rowsTouched ?? null, error: outcome.error ?? null })
    .where(and(eq(jobRunOrgs.job, c.job), eq(jobRunOrgs.windowStart, c.window), eq(jobRunOrgs.orgId, c.orgId)));
}

/**
 * A job that does its work organization by organization. Each (job, window, org) is recorded and
 * claimed on its own, so a run that reaches its time budget stops between organizations and the
 * next invocation resumes with the ones left; a finished organization is never done twice.
 */
export function orgJob(def: Omit<JobDefinition, "handler"> & { perOrg: OrgHandler }): JobDefinition & { perOrg: OrgHandler } {
  return {
    ...def,
    handler: async ({ db, window, deadline }: JobContext) => {
      const orgs = await db.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.id));
      let rowsTouched = 0;
      const failures: string[] = [];
      let worked = 0;
      for (const org of orgs) {
        // At least one organization per invocation, so a run makes progress however slow its start.
        if (worked > 0 && Date.now() >= deadline) return { rowsTouched, unfinished: true };
        const claim = { job: def.name, window, orgId: org.id, trigger: "schedule" };
        if (!(await claimOrgPart(db, claim))) continue;
        worked++;
        const started = performance.now();
        try {
          const result = await withTenant(db, { orgId: org.id }, (tx) => def.perOrg(jobContext(tx, { orgId: org.id, name: def.name }), window));
          rowsTouched += result.rowsTouched;
          await finishOrgPart(db, claim, { rowsTouched: result.rowsTouched, durationMs: Math.round(performance.now() - started) });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          console.error(`[jobs] ${def.name} for ${org.id} failed:`, error);
          failures.push(org.id);
          await finishOrgPart(db, claim, { error: message.slice(0, 2000), durationMs: Math.round(performance.now() - started) });
        }
      }
      if (failures.length > 0) throw new Error(`failed for ${failures.length} of ${orgs.length} organizations`);
      return { rowsTouched };
    },
  };
}

/**
 * Runs a job now for the caller's organization only, in the caller's tenant transaction, keyed by
 * (job, this minute, org): a second click while it runs, or in the same minute, does nothing.
 */
export async function runOrgJobNow(ctx: ServiceCtx, input: { job: JobDefinition & { perOrg: OrgHandler }; now?: Date }) {
  const { job, now = new Date() } = input;
  const window = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const claim = { job: job.name, window, orgId: ctx.orgId, trigger: "manual" };
  if (!(await claimOrgPart(ctx.db, claim))) return { status: "skipped" as const, window };
  const started = performance.now();
  const result = await job.perOrg(ctx, now);
  const durationMs = Math.round(performance.now() - started);
  await finishOrgPart(ctx.db, claim, { rowsTouched: result.rowsTouched, durationMs });
  return { status: "succeeded" as const, window, rowsTouched: result.rowsTouched, durationMs };
}

/** The org's part of recent runs, newest first. */
export async function listOrgJobRuns(ctx: ServiceCtx, limit = 100) {
  return ctx.db
    .select({
      job: jobRunOrgs.job,
      windowStart: jobRunOrgs.windowStart,
      status: jobRunOrgs.status,
      trigger: jobRunOrgs.trigger,
      attempt: jobRunOrgs.attempt,
      startedAt: jobRunOrgs.startedAt,
      finishedAt: jobRunOrgs.finishedAt,
      durationMs: jobRunOrgs.durationMs,
      rowsTouched: jobRunOrgs.rowsTouched,
      error: jobRunOrgs.error,
    })
    .from(jobRunOrgs)
    .where(eq(jobRunOrgs.orgId, ctx.orgId))
    .orderBy(desc(jobRunOrgs.startedAt))
    .limit(limit);
}
