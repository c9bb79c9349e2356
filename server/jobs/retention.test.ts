import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRunOrgs, jobRuns, notifications } from "~/db/schema";
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

describe("history retention", () => {
  it("deletes old finished runs and read notifications, keeps recent ones and open work", async () => {
    const { org, owner } = await createOrg(t.db);
    const run = (job: string, days: number, status: "succeeded" | "running") => ({ job, windowStart: daysAgo(days), status, trigger: "schedule", leaseUntil: daysAgo(days), startedAt: daysAgo(days) });
    await t.db.insert(jobRuns).values([run("prune-a", 20, "succeeded"), run("prune-a", 2, "succeeded"), run("prune-b", 20, "running")]);
    await t.db.insert(jobRunOrgs).values([{ ...run("prune-a", 20, "succeeded"), orgId: org.id }, { ...run("prune-a", 2, "succeeded"), orgId: org.id }]);
    const note = (days: number, read: boolean) => ({ id: newId("ntf"), orgId: org.id, userId: owner.id, severity: "info" as const, title: "t", createdAt: daysAgo(days), readAt: read ? daysAgo(days) : null });
    await t.db.insert(notifications).values([note(100, true), note(100, false), note(10, true)]);

    expect(await pruneHistory(t.db)).toBe(3);
    const kept = await t.db.select().from(jobRuns).where(eq(jobRuns.job, "prune-a"));
    expect(kept).toHaveLength(1);
    expect(kept[0]!.startedAt.getTime()).toBeGreaterThan(daysAgo(3).getTime());
    expect(await t.db.select().from(jobRuns).where(eq(jobRuns.job, "prune-b"))).toHaveLength(1);
    expect(await t.db.select().from(jobRunOrgs).where(eq(jobRunOrgs.orgId, org.id))).toHaveLength(1);
    expect((await t.db.select().from(notifications).where(eq(notifications.orgId, org.id))).map((n) => n.readAt === null).sort()).toEqual([false, true]);
    expect(await pruneHistory(t.db)).toBe(0);
  });
});
