import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRuns } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { dueWindows, runDue, runWindow, type JobDefinition } from "./runner";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

let jobCounter = 0;
/** A job that counts its runs and takes `ms` to do so. */
function countingJob(options: { ms?: number; fail?: () => boolean; schedule?: string } = {}) {
  const runs: Date[] = [];
  const job: JobDefinition = {
    name: `test-job-${++jobCounter}`,
    schedule: options.schedule ?? "*/5 * * * *",
    description: "counts",
    handler: async ({ window }) => {
      await new Promise((r) => setTimeout(r, options.ms ?? 0));
      if (options.fail?.()) throw new Error("the job broke");
      runs.push(window);
      return { rowsTouched: 3 };
    },
  };
  return { job, runs };
}

const window = new Date("2026-11-24T10:00:00Z");

describe("scheduled-job runner", () => {
  it("runs a window once when invoked twice at the same time, and a re-run changes nothing", async () => {
    const { job, runs } = countingJob({ ms: 200 });
    const outcomes = await Promise.all([runWindow(t.db, { job, window, trigger: "cron" }), runWindow(t.db, { job, window, trigger: "cron" })]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["skipped", "succeeded"]);
    expect(runs).toHaveLength(1);
    const again = await runWindow(t.db, { job, window, trigger: "cron" });
    expect(again.status).toBe("skipped");
    expect(runs).toHaveLength(1);
    const [row] = await t.db.select().from(jobRuns).where(and(eq(jobRuns.job, job.name), eq(jobRuns.windowStart, window)));
    expect(row).toMatchObject({ status: "succeeded", attempt: 1, rowsTouched: 3, error: null });
    expect(row!.durationMs).toBeGreaterThanOrEqual(150);
  });

  it("backfills missed windows, oldest first", async () => {
    const { job, runs } = countingJob();
    await runWindow(t.db, { job, window, trigger: "schedule" });
    const now = new Date("2026-11-24T10:17:30Z");
    expect((await dueWindows(t.db, { job, now })).map((d) => d.toISOString())).toEqual([
      "2026-11-24T10:05:00.000Z",
      "2026-11-24T10:10:00.000Z",
      "2026-11-24T10:15:00.000Z",
    ]);
    const outcomes = await runDue(t.db, { job, now, trigger: "schedule" });
    expect(outcomes.map((o) => o.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(runs.map((d) => d.toISOString().slice(11, 16))).toEqual(["10:00", "10:05", "10:10", "10:15"]);
    expect(await runDue(t.db, { job, now, trigger: "schedule" })).toEqual([]);
  });

  it("runs only the latest window of a job that never ran", async () => {
    const { job } = countingJob();
    expect((await dueWindows(t.db, { job, now: new Date("2026-11-24T10:17:30Z") })).map((d) => d.toISOString())).toEqual(["2026-11-24T10:15:00.000Z"]);
  });

  it("records a failure with its error and runs the window again next time", async () => {
    let broken = true;
    const { job, runs } = countingJob({ fail: () => broken });
    const failed = await runWindow(t.db, { job, window, trigger: "cron" });
    expect(failed).toMatchObject({ status: "failed", error: "the job broke" });
    broken = false;
    expect((await runWindow(t.db, { job, window, trigger: "cron" })).status).toBe("succeeded");
    const [row] = await t.db.select().from(jobRuns).where(and(eq(jobRuns.job, job.name), eq(jobRuns.windowStart, window)));
    expect(row).toMatchObject({ status: "succeeded", attempt: 2, error: null });
    expect(runs).toHaveLength(1);
  });

  it("takes over a run whose runner died once its lease is over", async () => {
    const { job, runs } = countingJob();
    await t.db.insert(jobRuns).values({ job: job.name, windowStart: window, status: "running", trigger: "cron", leaseUntil: new Date(Date.now() + 60_000) });
    expect((await runWindow(t.db, { job, window, trigger: "cron" })).status).toBe("skipped");
    await t.db.update(jobRuns).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(jobRuns.job, job.name));
    expect((await runWindow(t.db, { job, window, trigger: "cron" })).status).toBe("succeeded");
    expect(runs).toHaveLength(1);
  });
});
