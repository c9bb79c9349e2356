import { sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import type { JobContext } from "~/server/jobs";
import { computeForecasts } from "./forecasting";

export const FORECAST_JOB = "replenishment-forecast";

/**
 * Forecasts org by org, stalest first (never forecast, then oldest), each in its own tenant
 * transaction, until the run's time budget is spent; the next run continues with the rest.
 */
export async function runForecastJob({ db, deadline }: Pick<JobContext, "db" | "deadline">, now = new Date()): Promise<{ rowsTouched: number }> {
  const orgs = (
    (await db.execute(sql`
      select o.id from organizations o
      left join (select org_id, min(computed_at) as at from slot_forecasts group by org_id) f on f.org_id = o.id
      order by f.at asc nulls first, o.id`)) as unknown as { rows: { id: string }[] }
  ).rows;
  let rowsTouched = 0;
  for (const { id } of orgs) {
    if (Date.now() > deadline) break;
    rowsTouched += await forecastOrg(db, id, now);
  }
  return { rowsTouched };
}

/** Forecasts one org now, as the forecast job. */
export async function forecastOrg(db: Db, orgId: string, now = new Date()): Promise<number> {
  const result = await withTenant(db, orgId, (tx) => computeForecasts({ db: tx, orgId, actor: { type: "job", id: FORECAST_JOB }, role: null }, now));
  return result.slots;
}
