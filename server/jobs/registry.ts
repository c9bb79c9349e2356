import "server-only";
import { announcePendingAlerts, checkNoSales, sweepOfflineMachines } from "~/server/alerts";
import { checkCashVariance } from "~/server/cash";
import { sendDecisionMails } from "~/server/consumers";
import { queueSaleBatches, sendDueDeliveries, sendNotificationsNow } from "~/server/notifications";
import { generateAllDueMonths, rollUpAll } from "~/server/analytics";
import { generateAllDueStatements } from "~/server/hosts";
import { ensureEventPartitions, retireEventPartitions } from "~/server/ingest";
import { expireOrders, sendDueRefunds } from "~/server/payments";
import { forecastStalestOrgs } from "~/server/replenishment";
import { orgJob } from "./org-runs";
import { pruneHistory } from "./retention";
import type { JobDefinition } from "./runner";

const FORECAST_JOB = "replenishment-forecast";

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
      // Each refund goes through the provider that took its payment (an org's own WeChat Pay or Alipay, or the deployment's).
      const result = await sendDueRefunds(db);
      return { rowsTouched: result.claimed - result.waiting };
    },
  },
  {
    name: "order-expiry",
    schedule: "* * * * *",
    description: "Expires paid online orders the machine did not vend in time and refunds them; cancels checkouts left unpaid.",
    handler: async ({ db }) => {
      const result = await expireOrders(db);
      if (result.refundsOwed > 0) await sendDueRefunds(db);
      return { rowsTouched: result.expired + result.canceled };
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
    description:
      "Checks the cash collections machines reported against what was expected, makes the alert announcements ingest queued, then sends due e-mails and webhook deliveries (and consumers' refund decisions): ones the after-response hook missed and retries.",
    handler: async ({ db }) => ({
      rowsTouched:
        (await checkCashVariance(db)) + (await announcePendingAlerts(db)) + (await sendDueDeliveries(db, { limit: 200 })).claimed + (await sendDecisionMails(db)),
    }),
  },
  {
    name: "sales-webhooks",
    schedule: "* * * * *",
    description: "Queues the sales recorded since the last run for the webhook endpoints that receive them (sale.recorded, up to 500 a delivery), then sends them.",
    maxCatchUp: 1,
    handler: async ({ db, deadline }) => {
      const result = await queueSaleBatches(db, { deadline });
      if (result.deliveries > 0) await sendNotificationsNow(db);
      return { rowsTouched: result.sales };
    },
  },
  {
    name: "analytics-rollup",
    schedule: "*/5 * * * *",
    description: "Adds new sales to the daily rollups and rebuilds the stockout time of slots that changed, org by org.",
    // Each run reads everything since the last; missed windows need no runs of their own.
    maxCatchUp: 1,
    handler: async ({ db, deadline }) => {
      const result = await rollUpAll(db, deadline);
      return { rowsTouched: result.salesRows + result.stockoutRows };
    },
  },
  {
    name: "monthly-statistics",
    schedule: "0 * * * *",
    description:
      "Writes the statistics of each org's month once it has closed in the org's time zone, and of any month missed; then the hosts' statements of those months, revising the ones whose month was restated by late sales.",
    maxCatchUp: 1,
    handler: async ({ db, deadline }) => {
      const now = new Date();
      const months = await generateAllDueMonths(db, { now, deadline });
      return { rowsTouched: months + (await generateAllDueStatements(db, { now, deadline })) };
    },
  },
  {
    name: "prune-history",
    schedule: "17 3 * * *",
    description: "Deletes finished job runs after 14 days, sent notification deliveries after 30 and read notifications after 90.",
    handler: async ({ db, window }) => ({ rowsTouched: await pruneHistory(db, window) }),
  },
  {
    name: "event-partitions",
    schedule: "41 2 * * *",
    description:
      "Makes the raw machine events' partitions for this month and the next two, moves events out of the default partition, and drops or deletes events past each organization's retention.",
    maxCatchUp: 1,
    handler: async ({ db, window, deadline }) => {
      const made = await ensureEventPartitions(db, { now: window });
      const retired = await retireEventPartitions(db, { now: window, deadline });
      const done = [
        made.created.length > 0 && `made ${made.created.join(", ")}`,
        made.rowsMoved > 0 && `moved ${made.rowsMoved} events out of the default partition`,
        retired.dropped.length > 0 && `dropped ${retired.dropped.join(", ")}`,
        retired.rowsDeleted > 0 && `deleted ${retired.rowsDeleted} events past retention`,
      ].filter(Boolean);
      if (done.length > 0) console.info(`[jobs] event-partitions: ${done.join("; ")}`);
      const waiting = [...made.timedOut, ...retired.timedOut];
      if (waiting.length > 0) console.warn(`[jobs] event-partitions: lock wait timed out for ${waiting.join(", ")}; the next run tries again`);
      return { rowsTouched: made.rowsMoved + retired.rowsDeleted, unfinished: retired.unfinished };
    },
  },
  {
    name: FORECAST_JOB,
    schedule: "7 * * * *",
    description: "Forecasts every slot's demand, plans visits, and raises or resolves predicted sell-outs; org by org, stalest first.",
    handler: ({ db, deadline }) => forecastStalestOrgs(db, { job: { name: FORECAST_JOB, deadline } }),
    maxCatchUp: 1,
  },
];

export function findJob(name: string): JobDefinition | undefined {
  return jobs.find((job) => job.name === name);
}
