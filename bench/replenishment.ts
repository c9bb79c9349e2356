// Replenishment at the scale of a large operator: the 1,000 machines x 20 slots and 10 million sales
// of the analytics benchmark's data set (bench/lib/bench-fleet.ts; generated here if missing).
// Prints, side by side in one run: the plan of the whole fleet (goal <= 10 s), the forecast job
// for the org, and the forecast's WAPE against the seasonal-naive forecast (same weekday last week)
// on a four-week rolling backtest (goal <= 0.85x).
// Usage: npm run bench bench/replenishment.ts -- [--sales 10000000]
// The data stays in BENCH_DATABASE_URL (default: the local vendops_bench, created if missing) for the next run.
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/client";
import { openBenchDatabase } from "./lib/bench-database";
import { createBenchFleet, generateSales, generateStockouts } from "./lib/bench-fleet";
import { formatReplenishmentFigures, replenishmentFigures } from "./replenishment-figures";

const { values } = parseArgs({ options: { sales: { type: "string", default: "10000000" } } });
const total = Number(values.sales);
const TAG = "bench";
const DAYS = 365;

const handle = await openBenchDatabase();
try {
  const { db } = handle;
  const orgId = `org_${TAG}`;
  const [existing] = await queryRows<{ n: number; last: string | null }>(db, sql`select count(*)::bigint as n, max(occurred_at)::text as last from sales where org_id = ${orgId}`);
  let end = existing?.last ? new Date(existing.last) : new Date();
  if (!existing || Number(existing.n) < total) {
    // The same data set the analytics benchmark makes, so both report on one operator.
    await db.execute(sql`delete from organizations where id = ${orgId}`);
    const fleet = await createBenchFleet(db, TAG);
    end = new Date();
    await generateSales(db, fleet, { first: 1, count: total, days: DAYS, end }, { progress: (done) => process.stdout.write(`\rGenerating sales: ${done.toLocaleString("en")}   `) });
    await generateStockouts(db, fleet, 40_000, DAYS, end);
    await db.execute(sql`analyze`);
    console.log("");
  }
  // "Now" is the end of the data, so the last eight weeks of it are the forecast's history.
  const figures = await replenishmentFigures(db, orgId, end);
  for (const line of formatReplenishmentFigures(figures)) console.log(line);
} finally {
  await handle.close();
}
