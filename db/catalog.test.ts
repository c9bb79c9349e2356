import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { rowsOf } from "~/test/rows";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const query = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.db.execute(q));

/** Tables in schema public with an `org_id` column, from information_schema. */
const orgOwnedTables = () =>
  query<{ table: string }>(sql`
    select table_name as table from information_schema.columns
    where table_schema = 'public' and column_name = 'org_id'
    order by table_name`).then((rows) => rows.map((r) => r.table));

describe("the application role", () => {
  it("is not a superuser, does not bypass RLS and cannot log in", async () => {
    const rows = await query(sql`
      select rolsuper, rolbypassrls, rolcanlogin, rolcreaterole, rolcreatedb
      from pg_roles where rolname = 'vendops_app'`);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false, rolcreaterole: false, rolcreatedb: false }]);
  });

  it("owns no table, sequence, view, type, function or schema", async () => {
    const owned = await query(sql`
      select 'relation' as kind, relname as name from pg_class where relowner = 'vendops_app'::regrole
      union all select 'type', typname from pg_type where typowner = 'vendops_app'::regrole
      union all select 'function', proname from pg_proc where proowner = 'vendops_app'::regrole
      union all select 'schema', nspname from pg_namespace where nspowner = 'vendops_app'::regrole`);
    expect(owned).toEqual([]);
  });

  it("cannot create objects in schema public", async () => {
    const [row] = await query<{ create: boolean }>(sql`select has_schema_privilege('vendops_app', 'public', 'CREATE') as create`);
    expect(row?.create).toBe(false);
  });

  it("has no privilege at all on the sign-in counters", async () => {
    const [row] = await query<{ any: boolean }>(sql`
      select has_table_privilege('vendops_app', 'public.sign_in_throttle', 'SELECT, INSERT, UPDATE, DELETE') as any`);
    expect(row?.any).toBe(false);
  });
});

describe("row-level security in the catalog", () => {
  it("finds the tenant tables by their org_id column", async () => {
    expect(await orgOwnedTables()).toEqual(expect.arrayContaining(["audit_log", "invitations", "memberships"]));
  });

  it("enables and forces RLS on every table with org_id, on organizations and on users", async () => {
    const tables = [...(await orgOwnedTables()), "organizations", "users"];
    const rows = await query<{ table: string; enabled: boolean; forced: boolean }>(sql`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname in (${sql.join(tables.map((x) => sql`${x}`), sql`, `)})
      order by c.relname`);
    expect(rows.map((r) => r.table).sort()).toEqual([...tables].sort());
    for (const row of rows) expect(row, row.table).toMatchObject({ enabled: true, forced: true });
  });

  it("leaves no table in public both without forced RLS and open to the app role", async () => {
    const exposed = await query(sql`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
        and not (c.relrowsecurity and c.relforcerowsecurity)
        and has_table_privilege('vendops_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE')`);
    expect(exposed).toEqual([]);
  });

  it("gives every table with org_id an isolation policy for the app role on the current org", async () => {
    for (const table of await orgOwnedTables()) {
      const policies = await query<{ roles: string; qual: string; with_check: string }>(sql`
        select roles::text as roles, qual, with_check from pg_policies
        where schemaname = 'public' and tablename = ${table} and cmd = 'ALL'`);
      expect(policies, table).toHaveLength(1);
      expect(policies[0]!.roles, table).toBe("{vendops_app}");
      expect(policies[0]!.qual, table).toMatch(/org_id = NULLIF\(current_setting\('app\.org_id'::text, true\), ''::text\)/);
      expect(policies[0]!.with_check, table).toBe(policies[0]!.qual);
    }
  });

  it("gives every table with org_id an index that starts with org_id", async () => {
    for (const table of await orgOwnedTables()) {
      const indexes = await query(sql`
        select i.indexrelid from pg_index i
        join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
        where n.nspname = 'public' and c.relname = ${table} and a.attname = 'org_id'`);
      expect(indexes.length, table).toBeGreaterThan(0);
    }
  });
});
