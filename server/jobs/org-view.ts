import "server-only";
import type { z } from "zod";
import type { ServiceCtx } from "~/server/context";
import { defineMessages, fieldError, renderMessage } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { recordAudit } from "~/server/tenancy";
import { jobsMessages, runJobNowInput } from "./contract";
import { listOrgJobRuns, runOrgJobNow, type OrgHandler } from "./org-runs";
import { jobs } from "./registry";
import type { JobDefinition } from "./runner";

type OrgJob = JobDefinition & { perOrg: OrgHandler };
const isOrgJob = (job: JobDefinition): job is OrgJob => "perOrg" in job;

/** Each job's description as a message (code `job_descriptions.<name>`), so the jobs page reads it in its language. */
const descriptions = defineMessages("job_descriptions", Object.fromEntries(jobs.map((j) => [j.name, j.description])));

/** The jobs that work per organization, with this org's part of their recent runs; descriptions in `locale` (English when left out). */
export async function listJobsForOrg(ctx: ServiceCtx, input: { locale?: Locale } = {}) {
  const runs = await listOrgJobRuns(ctx);
  return {
    jobs: jobs.map((j) => ({ name: j.name, schedule: j.schedule, description: renderMessage(descriptions[j.name] ?? { en: j.description }, {}, input.locale), perOrg: isOrgJob(j) })),
    runs,
  };
}

/** "Run now" for this org only, audited; a second click at the same moment does nothing. */
export async function runJobNowForOrg(ctx: ServiceCtx, raw: z.input<typeof runJobNowInput>) {
  const { job: name } = runJobNowInput.parse(raw);
  const job = jobs.find((j) => j.name === name);
  if (!job || !isOrgJob(job)) throw fieldError("job", jobsMessages.not_an_org_job);
  const outcome = await runOrgJobNow(ctx, { job });
  await recordAudit(ctx, { action: "job.run_now", targetType: "job", targetId: job.name, data: { status: outcome.status, window: outcome.window.toISOString() } });
  return outcome;
}
