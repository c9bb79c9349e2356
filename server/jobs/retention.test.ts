import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRunOrgs, jobRuns, machineReportHours, machines, notifications, organizations } from "~/db/schema";
import { newId } from "~/db/ids";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createOrg } from "~/test/factories";
import { pruneHistory } from "./retention";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);

async function registerMachine(db: TestDatabase["db"], orgId: string) {
  const [machine] = await db.insert(machines).values({ id: newId("mch"), orgId, name: "Retention", serial: `SN-${newId("s")}` }).returning();
  return machine!;
}

describe("history retention", () => {
  it("deletes old finished runs and read notifications, keeps recent ones and open work", async () => {
    const { org, owner } = await createOrg(t.db);
    const run = (job: string, days: number, status: "succeeded" | "running") => ({ job, windowStart: daysAgo(days), status, trigger: "schedule", leaseUntil: daysAgo(days), startedAt: daysAgo(days) });
    await t.db.insert(jobRuns).values([run("prune-a", 20, "succeeded"), run("prune-a", 2, "succeeded"), run("prune-b", 20, "running")]);
    await t.db.insert(jobRunOrgs).values([{ ...run("prune-a", 20, "succeeded"), orgId: org.id }, { ...run("prune-a", 2, "succeeded"), orgId: org.id }]);
    const note = (days: number, read: boolean) => ({ id: newId("ntf"), orgId: org.id, userId: owner.id, severity: "info" as const, title: "t", createdAt: daysAgo(days), readAt: read ? daysAgo(days) : null });
    await t.db.insert(notifications).values([note(100, true), note(100, false), note(10, true)]);
    const machine = await registerMachine(t.db, org.id);
    const hour = (days: number) => ({ orgId: org.id, machineId: machine.id, hour: new Date(Math.floor(daysAgo(days).getTime() / 3_600_000) * 3_600_000) });
    await t.db.insert(machineReportHours).values([hour(800), hour(700), hour(1)]);

    expect(await pruneHistory(t.db)).toBe(4);
    expect((await t.db.select().from(machineReportHours).where(eq(machineReportHours.orgId, org.id))).map((h) => h.hour.getTime()).sort()).toEqual([hour(700).hour.getTime(), hour(1).hour.getTime()].sort());
    const kept = await t.db.select().from(jobRuns).where(eq(jobRuns.job, "prune-a"));
    expect(kept).toHaveLength(1);
    expect(kept[0]!.startedAt.getTime()).toBeGreaterThan(daysAgo(3).getTime());
    expect(await t.db.select().from(jobRuns).where(eq(jobRuns.job, "prune-b"))).toHaveLength(1);
    expect(await t.db.select().from(jobRunOrgs).where(eq(jobRunOrgs.orgId, org.id))).toHaveLength(1);
    expect((await t.db.select().from(notifications).where(eq(notifications.orgId, org.id))).map((n) => n.readAt === null).sort()).toEqual([false, true]);
    expect(await pruneHistory(t.db)).toBe(0);
  });

  it("keeps the hours machines reported in as long as an organization keeps its raw events, when that is longer", async () => {
    const { org } = await createOrg(t.db);
    await t.db.update(organizations).set({ eventRetentionMonths: 36 }).where(eq(organizations.id, org.id));
    const machine = await registerMachine(t.db, org.id);
    const hour = (days: number) => ({ orgId: org.id, machineId: machine.id, hour: new Date(Math.floor(daysAgo(days).getTime() / 3_600_000) * 3_600_000) });
    await t.db.insert(machineReportHours).values([hour(1200), hour(800), hour(1)]);

    await pruneHistory(t.db);
    expect((await t.db.select().from(machineReportHours).where(eq(machineReportHours.orgId, org.id))).map((h) => h.hour.getTime()).sort()).toEqual([hour(800).hour.getTime(), hour(1).hour.getTime()].sort());
  });
});
