import "server-only";
import type { Db } from "~/db/client";
import { jobs, runDue } from "~/server/jobs";

const TICK_MS = 20_000;
const globalForScheduler = globalThis as unknown as { vendopsScheduler?: NodeJS.Timeout };

/**
 * Runs the job registry in this process, for the embedded and self-hosted modes. Several server
 * processes may run it side by side: each (job, window) still runs once.
 */
export function startScheduler(getDb: () => Promise<Db>): void {
  if (globalForScheduler.vendopsScheduler) return;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const db = await getDb();
      for (const job of jobs) await runDue(db, { job, now: new Date(), trigger: "schedule" });
    } catch (error) {
      console.error("[scheduler]", error);
    } finally {
      busy = false;
    }
  };
  globalForScheduler.vendopsScheduler = setInterval(() => void tick(), TICK_MS);
  globalForScheduler.vendopsScheduler.unref();
  void tick();
}
