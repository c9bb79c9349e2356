import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { machineRequestWindows } from "~/db/schema";

/**
 * Counts one request against the machine's fixed window, atomically in Postgres so every server
 * instance shares it: a window older than `windowSeconds` starts over. Runs on the owner
 * connection, before the request's tenant is trusted. Returns the requests counted in the window
 * and the seconds until it ends.
 */
export async function countMachineRequest(db: Db, input: { machineId: string; windowSeconds: number }): Promise<{ requests: number; secondsLeft: number }> {
  const w = machineRequestWindows;
  const expired = sql`${w.windowStartedAt} <= clock_timestamp() - make_interval(secs => ${input.windowSeconds})`;
  const [row] = await db
    .insert(w)
    .values({ machineId: input.machineId, windowStartedAt: sql`clock_timestamp()`, requests: 1 })
    .onConflictDoUpdate({
      target: w.machineId,
      set: {
        requests: sql`case when ${expired} then 1 else ${w.requests} + 1 end`,
        windowStartedAt: sql`case when ${expired} then clock_timestamp() else ${w.windowStartedAt} end`,
      },
    })
    .returning({
      requests: w.requests,
      remaining: sql<number>`extract(epoch from (${w.windowStartedAt} + make_interval(secs => ${input.windowSeconds}) - clock_timestamp()))`,
    });
  return { requests: row?.requests ?? 1, secondsLeft: Number(row?.remaining ?? 0) };
}
