import type { ServiceCtx } from "../context";
import { fieldError } from "../errors";
import { recordAudit } from "~/server/tenancy";
import { listOrgJobRuns, runOrgJobNow, type OrgHandler } from "./org-runs";
import { jobs } from "./registry";
import type { JobDefinition } from "./runner";

type OrgJob = JobDefinition & { perOrg: OrgHandler };
const isOrgJob = (job: JobDefinition): job is OrgJob => "perOrg" in job;

/** The jobs that work per organization, with this org's part of their recent runs. */
export async function listJobsForOrg(ctx: ServiceCtx) {
  const runs = await listOrgJobRuns(ctx);
  return {
    jobs: jobs.map((j) => ({ name: j.name, schedule: j.schedule, description: j.description, perOrg: isOrgJob(j) })),
    runs,
  };
}

/** "Run now" for this org only, audited; a second click at the same moment does nothing. */
export async function runJobNowForOrg(ctx: ServiceCtx, name: string) {
  const job = jobs.find((j) => j.name === name);
  if (!job || !isOrgJob(job)) throw fieldError("job", "No job of that name runs per organization.");
  const outcome = await runOrgJobNow(ctx, job);
  await recordAudit(ctx, { action: "job.run_now", targetType: "job", targetId: job.name, data: { status: outcome.status, window: outcome.window.toISOString() } });
  return outcome;
}
