import { sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { machineRequestWindows } from "~/db/schema";

/**
 * Requests a machine may make per window. A machine heartbeats every minute and polls every few
 * seconds while a consumer is at its checkout; this leaves room for flushing a long backlog.
 */
export const MACHINE_RATE_LIMIT = { requests: 120, windowSeconds: 60 } as const;

/**
 * Counts one request against the machine's fixed window, atomically in Postgres so every server
 * instance shares it. Returns how many seconds to wait if the machine is over its limit, else null.
 */
export async function consumeMachineRequest(db: Db, machineId: string, limit = MACHINE_RATE_LIMIT): Promise<number | null> {
  const w = machineRequestWindows;
  const expired = sql`${w.windowStartedAt} <= clock_timestamp() - make_interval(secs => ${limit.windowSeconds})`;
  const [row] = await db
    .insert(w)
    .values({ machineId, windowStartedAt: sql`clock_timestamp()`, requests: 1 })
    .onConflictDoUpdate({
      target: w.machineId,
      set: {
        requests: sql`case when ${expired} then 1 else ${w.requests} + 1 end`,
        windowStartedAt: sql`case when ${expired} then clock_timestamp() else ${w.windowStartedAt} end`,
      },
    })
    .returning({
      requests: w.requests,
      remaining: sql<number>`extract(epoch from (${w.windowStartedAt} + make_interval(secs => ${limit.windowSeconds}) - clock_timestamp()))`,
    });
  if (!row || row.requests <= limit.requests) return null;
  return Math.max(1, Math.ceil(Number(row.remaining)));
}
