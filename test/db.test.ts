import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/client";
import { memberships, organizations, users } from "~/db/schema";
import { withConsumer, withTenant } from "~/db/tenant";
import { createTestDatabase, rollbackEachTest, type TestDatabase } from "./db";
import { addMember, createOrg, createUser } from "./factories";
import { countRows, orgSnapshot, rowsOf } from "./rows";

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  t = await createTestDatabase();
  org = await createOrg(t.db);
});
afterAll(async () => {
  await t.drop();
});

const session = async (db: Db) =>
  rowsOf<{ role: string; org: string; user: string; consumer: string }>(
    await db.execute(
      sql`select current_user as role, coalesce(current_setting('app.org_id', true), '') as org, coalesce(current_setting('app.user_id', true), '') as "user", coalesce(current_setting('app.consumer_id', true), '') as consumer`,
    ),
  )[0]!;

describe("t.rollback", () => {
  it("returns what the function returns and keeps none of its rows", async () => {
    const before = await countRows(t.db, users);
    const user = await t.rollback(async (db) => {
      const created = await createUser(db);
      expect(await countRows(db, users)).toBe(before + 1);
      return created;
    });
    expect(user.id).toMatch(/^usr_/);
    expect(await countRows(t.db, users, eq(users.id, user.id))).toBe(0);
    expect(await countRows(t.db, users)).toBe(before);
  });

  it("rolls back when the function throws, and passes the error on", async () => {
    const before = await countRows(t.db, users);
    await expect(
      t.rollback(async (db) => {
        await createUser(db);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await countRows(t.db, users)).toBe(before);
  });

  it("leaves the connection's role and tenant settings as they were after withTenant and withConsumer", async () => {
    await t.rollback(async (db) => {
      const outside = await session(db);
      const inside = await withTenant(db, { orgId: org.org.id, userId: org.owner.id }, async (tx) => {
        const nested = await withTenant(tx, { orgId: org.org.id }, (inner) => session(inner));
        expect(nested).toMatchObject({ role: "vendops_app", org: org.org.id, user: "" });
        return session(tx);
      });
      expect(inside).toMatchObject({ role: "vendops_app", org: org.org.id, user: org.owner.id });
      expect(await session(db)).toEqual(outside);
      await withConsumer(db, org.owner.id, async (tx) => expect((await session(tx)).consumer).toBe(org.owner.id));
      expect(await session(db)).toEqual(outside);
      // The owner connection still sees every org's rows.
      const other = await createOrg(db);
      expect(await countRows(db, memberships)).toBeGreaterThanOrEqual(2);
      expect(await countRows(db, memberships, eq(memberships.orgId, other.org.id))).toBe(1);
    });
  });

  it("undoes a failed nested transaction only, and the rest goes on", async () => {
    await t.rollback(async (db) => {
      const user = await createUser(db);
      await expect(
        withTenant(db, { orgId: org.org.id }, async (tx) => {
          await tx.execute(sql`select 1 / 0`);
        }),
      ).rejects.toThrow();
      expect(await session(db)).toMatchObject({ org: "" });
      await addMember(db, org.org.id, "viewer", user);
      expect(await countRows(db, memberships, eq(memberships.userId, user.id))).toBe(1);
    });
  });

  it("runs nested transactions begun at once one after the other", async () => {
    const seen = await t.rollback(async (db) =>
      Promise.all([org.org.id, org.org.id].map((orgId) => withTenant(db, { orgId }, async (tx) => (await session(tx)).org))),
    );
    expect(seen).toEqual([org.org.id, org.org.id]);
  });
});

describe("rollbackEachTest", () => {
  rollbackEachTest(() => t);
  let created: string | undefined;

  it("lets a test write rows through t.db", async () => {
    created = (await createUser(t.db)).id;
    expect(await countRows(t.db, users, eq(users.id, created))).toBe(1);
  });

  it("and the next test starts without them, with the rows made in beforeAll", async () => {
    expect(created).toBeDefined();
    expect(await countRows(t.db, users, eq(users.id, created!))).toBe(0);
    expect(await countRows(t.db, memberships, eq(memberships.orgId, org.org.id))).toBe(1);
  });
});

describe("orgSnapshot", () => {
  rollbackEachTest(() => t);

  it("holds the org's rows of every table with an org_id, and changes with any of them", async () => {
    const before = await orgSnapshot(t.db, org.org.id);
    expect(before.organizations).toHaveLength(1);
    expect(before.memberships).toHaveLength(1);
    expect(before.audit_log!.length).toBeGreaterThan(0);
    expect(await orgSnapshot(t.db, org.org.id)).toEqual(before);
    await addMember(t.db, org.org.id, "viewer");
    expect((await orgSnapshot(t.db, org.org.id)).memberships).toHaveLength(2);
    const afterMember = await orgSnapshot(t.db, org.org.id);
    await t.db.update(organizations).set({ name: "Renamed" }).where(eq(organizations.id, org.org.id));
    expect(await orgSnapshot(t.db, org.org.id)).not.toEqual(afterMember);
  });
});
