import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, createOrg, createUser, invite } from "~/test/factories";
import { rowsOf } from "~/test/rows";
import { newId } from "./ids";
import { auditLog, memberships } from "./schema";
import { withTenant } from "./tenant";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof seedOrg>>;
let b: Awaited<ReturnType<typeof seedOrg>>;

/** An org with an owner, a viewer, a pending invitation and audit entries. */
async function seedOrg() {
  const { org, owner } = await createOrg(t.db);
  const viewer = await addMember(t.db, org.id, "viewer");
  await invite(t.db, owner, org.id, "manager");
  return { org, owner, viewer };
}

beforeAll(async () => {
  t = await createTestDatabase();
  a = await seedOrg();
  b = await seedOrg();
});
afterAll(async () => {
  await t.drop();
});

const tenantTables = ["memberships", "invitations", "audit_log"] as const;

/** Runs raw SQL with no org filter inside a tenant transaction. */
type Scope = string | Parameters<typeof withTenant>[1];
const scopeOf = (scope: Scope) => (typeof scope === "string" ? { orgId: scope } : scope);
const select = (scope: Scope, query: string) =>
  withTenant(t.db, scopeOf(scope), async (tx) => rowsOf(await tx.execute(sql.raw(query))));

/** The Postgres error a statement fails with inside a tenant transaction. */
async function failure(scope: Scope, query: ReturnType<typeof sql>): Promise<string> {
  const error = await withTenant(t.db, scopeOf(scope), (tx) => tx.execute(query)).then(
    () => {
      throw new Error("Expected the statement to be refused.");
    },
    (e: unknown) => e,
  );
  const cause = (error as { cause?: unknown }).cause ?? error;
  return String((cause as Error).message);
}

describe("row-level security inside withTenant", () => {
  it.each(tenantTables)("shows only the current org's rows of %s, with no filter in the query", async (table) => {
    const rows = await select(a.org.id, `select org_id from ${table}`);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.org_id))).toEqual(new Set([a.org.id]));
    const all = rowsOf<{ n: number }>(await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`)));
    expect(all[0]!.n).toBeGreaterThan(rows.length);
  });

  it("shows only the current organization", async () => {
    const rows = await select(a.org.id, "select id from organizations");
    expect(rows.map((r) => r.id)).toEqual([a.org.id]);
  });

  it.each([...tenantTables, "organizations", "users"])("shows no %s at all without an org or user", async (table) => {
    const columns = table === "users" ? "id" : "*"; // the app role may not read every users column
    expect(await select({ orgId: null }, `select ${columns} from ${table}`)).toEqual([]);
  });

  it("refuses to insert a row for another org", async () => {
    const message = await failure(
      a.org.id,
      sql`insert into ${auditLog} (id, org_id, actor_type, action) values (${newId("aud")}, ${b.org.id}, 'system', 'forged')`,
    );
    expect(message).toMatch(/row-level security/);
    const message2 = await failure(
      a.org.id,
      sql`insert into ${memberships} (org_id, user_id, role) values (${b.org.id}, ${a.viewer.id}, 'owner')`,
    );
    expect(message2).toMatch(/row-level security/);
    const forged = rowsOf(await t.db.execute(sql`select 1 from audit_log where action = 'forged'`));
    expect(forged).toEqual([]);
  });

  it("refuses to move a row into another org", async () => {
    const message = await failure(a.org.id, sql`update memberships set org_id = ${b.org.id} where user_id = ${a.viewer.id}`);
    expect(message).toMatch(/row-level security/);
  });

  it("limits an update with no filter to the current org", async () => {
    const touched = await withTenant(t.db, { orgId: a.org.id }, async (tx) =>
      rowsOf<{ org_id: string }>(await tx.execute(sql`update memberships set created_at = created_at returning org_id`)),
    );
    expect(touched.length).toBe(2);
    expect(new Set(touched.map((r) => r.org_id))).toEqual(new Set([a.org.id]));
  });

  it("does not let the app role create or delete organizations", async () => {
    expect(await failure(a.org.id, sql`delete from organizations where id = ${a.org.id}`)).toMatch(/permission denied/);
    expect(
      await failure(a.org.id, sql`insert into organizations (id, name, slug, time_zone, currency) values ('org_x', 'X', 'x-x', 'UTC', 'EUR')`),
    ).toMatch(/permission denied/);
  });

  it("never lets the app role read password hashes or sign-in counters", async () => {
    const scope = { orgId: a.org.id, userId: a.owner.id };
    expect(await failure(scope, sql`select password_hash from users`)).toMatch(/permission denied/);
    expect(await failure(scope, sql`select * from users`)).toMatch(/permission denied/);
    expect(await failure(scope, sql`select * from sign_in_throttle`)).toMatch(/permission denied/);
    expect(await failure(scope, sql`delete from sign_in_throttle`)).toMatch(/permission denied/);
  });

  it("shows only the user's own row and fellow members", async () => {
    const stranger = await createUser(t.db);
    const inA = await select({ orgId: a.org.id, userId: a.owner.id }, "select id from users");
    expect(inA.map((r) => r.id).sort()).toEqual([a.owner.id, a.viewer.id].sort());
    const alone = await select({ orgId: null, userId: stranger.id }, "select id from users");
    expect(alone.map((r) => r.id)).toEqual([stranger.id]);
    // A user outside the org still sees themselves, and the org's members, but not org B's.
    const visiting = await select({ orgId: a.org.id, userId: stranger.id }, "select id from users");
    expect(visiting.map((r) => r.id).sort()).toEqual([a.owner.id, a.viewer.id, stranger.id].sort());
  });

  it("runs as the app role and leaves the session as it was", async () => {
    const inside = await select(a.org.id, "select current_user as role, current_setting('app.org_id', true) as org");
    expect(inside).toEqual([{ role: "vendops_app", org: a.org.id }]);
    const after = rowsOf(await t.db.execute(sql`select current_user as role, current_setting('app.org_id', true) as org`));
    expect(after[0]!.role).not.toBe("vendops_app");
    expect(after[0]!.org ?? "").toBe("");
  });
});
