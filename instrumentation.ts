// Next.js calls register() once when a server starts. Work that belongs to a running server (not to
// `next build`, which loads this file too, nor to the Edge runtime) starts here.

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("./env");
  // `npm start` on several cores runs one server process per core (VENDOPS_WORKER=1..N). The
  // scheduler and the demo's live machines belong to the deployment, not to each process: the
  // first process runs them, and its replacement does if it dies.
  if (env.VENDOPS_WORKER !== undefined && env.VENDOPS_WORKER !== 1) return;
  if (env.SCHEDULER ? env.SCHEDULER === "on" : !env.VERCEL) {
    const [{ startScheduler }, { getDb }] = await Promise.all([import("./server/cron"), import("./db/open")]);
    startScheduler(getDb);
  }
  const { startDemoLiveMachines } = await import("./server/demo/live");
  try {
    startDemoLiveMachines();
  } catch (error) {
    // The demo's live machines are a nicety: never keep the server from starting.
    console.error("[demo] live machines not started:", error);
  }
}
