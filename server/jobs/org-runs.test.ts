import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, jobRunOrgs, jobRuns } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg } from "~/test/factories";
import { callError } from "~/test/trpc-errors";
import { createTrpcContext } from "~/server/trpc/init";
import { createCaller } from "~/server/trpc/root";
import { orgJob } from "./org-runs";
import { jobs as registry } from "./registry";
import { runDue, runWindow } from "./runner";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

let counter = 0;
/** A per-org job that records which orgs it did; the first org it meets takes `slowMs`. */
function perOrgJob(slowMs = 0) {
  const done: string[] = [];
  const job = orgJob({
    name: `org-job-${++counter}`,
    schedule: "*/5 * * * *",
    description: "records",
    perOrg: async (ctx) => {
      if (done.length === 0 && slowMs > 0) await new Promise((r) => setTimeout(r, slowMs));
      done.push(ctx.orgId);
      return { rowsTouched: 1 };
    },
  });
  return { job, done };
}

describe("jobs chunked by organization", () => {
  it("stops at its time budget and the next invocation resumes with the organizations left, none done twice", async () => {
    for (let i = 0; i < 3; i++) await createOrg(t.db);
    const { job, done } = perOrgJob(80);
    const window = new Date("2026-11-24T10:00:00Z");
    const first = await runWindow(t.db, { job, window, trigger: "cron", budgetMs: 40 });
    expect(first.status).toBe("unfinished");
    expect(done).toHaveLength(1);
    const [run] = await t.db.select().from(jobRuns).where(and(eq(jobRuns.job, job.name), eq(jobRuns.windowStart, window)));
    expect(run!.status).toBe("running");

    // The scheduler sees the unfinished window as due and finishes it.
    const outcomes = await runDue(t.db, { job, now: new Date("2026-11-24T10:02:00Z"), trigger: "schedule" });
    expect(outcomes.map((o) => [o.window.toISOString(), o.status])).toEqual([["2026-11-24T10:00:00.000Z", "succeeded"]]);
    const orgCount = (await t.db.query.organizations.findMany()).length;
    expect(done).toHaveLength(orgCount);
    expect(new Set(done).size).toBe(orgCount);
    const parts = await t.db.select().from(jobRunOrgs).where(eq(jobRunOrgs.job, job.name));
    expect(parts.every((p) => p.status === "succeeded" && p.rowsTouched === 1)).toBe(true);
    expect((await runWindow(t.db, { job, window, trigger: "cron" })).status).toBe("skipped");
  });

  it("run now: admins only, for their org only, audited, and two clicks at once run it once", async () => {
    const a = await createOrg(t.db);
    const b = await createOrg(t.db);
    const admin = await addMember(t.db, a.org.id, "admin");
    const caller = callerFor(t.db, admin);
    const outcomes = await Promise.all([
      caller.jobs.runNow({ orgId: a.org.id, job: "alert-sweep" }),
      caller.jobs.runNow({ orgId: a.org.id, job: "alert-sweep" }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["skipped", "succeeded"]);
    const parts = await t.db.select().from(jobRunOrgs).where(eq(jobRunOrgs.job, "alert-sweep"));
    expect(parts.map((p) => [p.orgId, p.trigger, p.status])).toEqual([[a.org.id, "manual", "succeeded"]]);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, a.org.id), eq(auditLog.action, "job.run_now")));
    expect(audits).toHaveLength(2);

    const { runs, jobs } = await caller.jobs.list({ orgId: a.org.id });
    expect(runs.map((r) => r.job)).toEqual(["alert-sweep"]);
    expect(jobs.find((j) => j.name === "alert-sweep")).toMatchObject({ perOrg: true, schedule: "* * * * *" });
    // Each job's description as the registry has it, or in the reader's language.
    expect(jobs.map((j) => j.description)).toEqual(registry.map((j) => j.description));
    const inChinese = await createCaller(createTrpcContext({ db: t.db, user: a.owner, locale: "zh-CN" })).jobs.list({ orgId: a.org.id });
    expect(inChinese.jobs.find((j) => j.name === "alert-sweep")!.description).toBe("为超过运营公司离线阈值仍未上报的售货机发出离线告警。");
    for (const j of inChinese.jobs) expect(j.description).toMatch(/\p{Script=Han}/u);
    // Another org's admin sees none of it.
    expect((await callerFor(t.db, b.owner).jobs.list({ orgId: b.org.id })).runs).toEqual([]);
    expect(await callError(caller.jobs.runNow({ orgId: a.org.id, job: "refund-sweep" }))).toMatchObject({ code: "BAD_REQUEST" });
    const manager = await addMember(t.db, a.org.id, "manager");
    expect(await callError(callerFor(t.db, manager).jobs.runNow({ orgId: a.org.id, job: "alert-sweep" }))).toMatchObject({ code: "FORBIDDEN" });
  });
});
