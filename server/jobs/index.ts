// The jobs domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { listJobsForOrg, runJobNowForOrg } from "./org-view";
export { findJob, jobs } from "./registry";
export { runDue, type RunOutcome } from "./runner";
