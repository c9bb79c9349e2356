// The jobs domain's front door: the only module other domains, transports and pages import.
import "server-only";

export { authorizeCron } from "./cron-auth";
export { listJobsForOrg, runJobNowForOrg } from "./org-view";
export { findJob } from "./registry";
export { runDue, type JobContext } from "./runner";
