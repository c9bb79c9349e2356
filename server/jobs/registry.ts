import { sendDueDeliveries } from "../alerts/deliveries";
import { checkNoSales, sweepOfflineMachines } from "../alerts/scheduled-rules";
import { paymentProvider } from "../payments/providers";
import { orgJob } from "./org-runs";
import { pruneHistory } from "./retention";
import { processDueRefunds } from "../payments/refund-worker";
import type { JobDefinition } from "./runner";

/**
 * Every scheduled job. vercel.json lists the same schedules for Vercel Cron (a test keeps them
 * equal); elsewhere the in-process scheduler runs this list.
 */
export const jobs: JobDefinition[] = [
  {
    name: "refund-sweep",
    schedule: "* * * * *",
    description: "Sends refunds that are due: new ones the after-response hook missed, retries, and ones whose worker died.",
    handler: async ({ db }) => {
      const provider = paymentProvider();
      if (!provider) return { rowsTouched: 0 };
      const result = await processDueRefunds(db, provider);
      return { rowsTouched: result.claimed };
    },
  },
  orgJob({
    name: "alert-sweep",
    schedule: "* * * * *",
    description: "Raises offline alerts for machines silent past the organization's threshold.",
    perOrg: async (ctx, window) => ({ rowsTouched: await sweepOfflineMachines(ctx, window) }),
  }),
  orgJob({
    name: "no-sales-check",
    schedule: "*/15 * * * *",
    description: "Raises no-sales alerts for machines silent for much longer than their own history at this hour and weekday makes likely.",
    perOrg: async (ctx, window) => ({ rowsTouched: await checkNoSales(ctx, window) }),
  }),
  {
    name: "notification-sweep",
    schedule: "* * * * *",
    description: "Sends due e-mails and webhook deliveries: ones the after-response hook missed and retries.",
    handler: async ({ db }) => ({ rowsTouched: (await sendDueDeliveries(db, { limit: 200 })).claimed }),
  },
  {
    name: "prune-history",
    schedule: "17 3 * * *",
    description: "Deletes finished job runs after 14 days, sent notification deliveries after 30 and read notifications after 90.",
    handler: async ({ db, window }) => ({ rowsTouched: await pruneHistory(db, window) }),
  },
];

export function findJob(name: string): JobDefinition | undefined {
  return jobs.find((job) => job.name === name);
}
