import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import { jobContext } from "~/server/context";
import { computeForecasts } from "./forecast-run";

/** The scheduled job a sweep runs as: its name is the actor of what it changes. */
export interface SweepJob {
  name: string;
  /** Stop taking on organizations after this (ms since the epoch); the next run continues. */
  deadline: number;
}

/**
 * Forecasts org by org, stalest first (never forecast, then oldest), each in its own tenant
 * transaction, until the job's time budget is spent; the next run continues with the rest.
 */
export async function forecastStalestOrgs(db: Db, input: { job: SweepJob; now?: Date }): Promise<{ rowsTouched: number }> {
  const orgs = (
    (await db.execute(sql`
      select o.id from organizations o
      left join (select org_id, min(computed_at) as at from slot_forecasts group by org_id) f on f.org_id = o.id
      order by f.at asc nulls first, o.id`)) as unknown as { rows: { id: string }[] }
  ).rows;
  let rowsTouched = 0;
  for (const { id } of orgs) {
    if (Date.now() > input.job.deadline) break;
    rowsTouched += await forecastOrg(db, { orgId: id, job: input.job.name, now: input.now });
  }
  return { rowsTouched };
}

/** Forecasts one org now, as the named job. */
export async function forecastOrg(db: Db, input: { orgId: string; job: string; now?: Date }): Promise<number> {
  const { orgId, job, now } = input;
  const result = await withTenant(db, { orgId }, (tx) => computeForecasts(jobContext(tx, { orgId, name: job }), { now }));
  return result.slots;
}
