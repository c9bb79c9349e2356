import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { jobContext } from "~/server/context";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createOrg } from "~/test/factories";
import { recordAudit } from "./audit";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** Writes `n` entries for an org in one transaction, so they share one timestamp, as a bulk job's would. */
async function recordMany(orgId: string, n: number) {
  await withTenant(t.db, { orgId }, async (tx) => {
    for (let i = 0; i < n; i++) {
      await recordAudit(jobContext(tx, { orgId, name: "import" }), { action: "machine.registered", targetId: `m${i}` });
    }
  });
}

describe("audit.list", () => {
  it("pages through every entry exactly once, even entries written at the same moment", async () => {
    const { org, owner } = await createOrg(t.db);
    await recordMany(org.id, 7);
    const caller = callerFor(t.db, owner);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { entries, hasMore, nextCursor } = await caller.audit.list({ orgId: org.id, limit: 3, cursor });
      expect(entries.length).toBeLessThanOrEqual(3);
      seen.push(...entries.map((e) => e.id));
      if (!hasMore) break;
      cursor = nextCursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it("filters by action and by time", async () => {
    const { org, owner } = await createOrg(t.db);
    await recordMany(org.id, 2);
    // Date the creation an hour back, so "before half an hour ago" is unambiguous.
    await t.db
      .update(auditLog)
      .set({ createdAt: sql`now() - interval '1 hour'` })
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "organization.created")));
    const caller = callerFor(t.db, owner);
    const imported = await caller.audit.list({ orgId: org.id, action: "machine.registered" });
    expect(imported.entries.map((e) => e.targetId).sort()).toEqual(["m0", "m1"]);
    expect(imported.entries.every((e) => e.actorType === "job" && e.actorId === "import")).toBe(true);
    const older = await caller.audit.list({ orgId: org.id, before: new Date(Date.now() - 30 * 60 * 1000) });
    expect(older.entries.map((e) => e.action)).toEqual(["organization.created"]);
    expect(older).toMatchObject({ hasMore: false, nextCursor: undefined });
  });

  it("returns nothing after another org's entry used as a cursor", async () => {
    const { org, owner } = await createOrg(t.db);
    const other = await createOrg(t.db);
    const [foreign] = (await callerFor(t.db, other.owner).audit.list({ orgId: other.org.id })).entries;
    const page = await callerFor(t.db, owner).audit.list({ orgId: org.id, cursor: foreign!.id });
    expect(page.entries).toEqual([]);
  });
});
