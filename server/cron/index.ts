// The cron transport: Vercel Cron's requests (app/api/cron) and the in-process scheduler run the
// jobs domain's registry; they hold no rules of their own.
import "server-only";

export { authorizeCron } from "./authorize";
export { runCronJob } from "./run";
export { startScheduler } from "./scheduler";
