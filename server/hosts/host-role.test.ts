import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/client";
import { withHost } from "~/db/tenant";
import { createTestDatabase, rollbackEachTest, type TestDatabase } from "~/test/db";
import { createHostFixture, type HostFixture } from "~/test/host-portal";
import { rowsOf } from "~/test/rows";

let t: TestDatabase;
let f: HostFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await createHostFixture(t.db);
});
afterAll(async () => {
  await t.drop();
});
rollbackEachTest(() => t);

/** Runs `fn` as the host role, confined to these locations of org A (the host's place by default). */
const asHost = <T>(fn: (tx: Db) => Promise<T>, locationIds = [f.locationId], orgId = f.orgId) => withHost(t.db, { orgId, userId: f.host.id, locationIds }, fn);
const ids = async (tx: Db, query: ReturnType<typeof sql>) => rowsOf<{ id: string }>(await tx.execute(query)).map((r) => r.id).sort();

/** The SQLSTATE of a statement the database refuses, in a savepoint so the transaction goes on. */
async function refusal(tx: Db, query: ReturnType<typeof sql>): Promise<string | undefined> {
  try {
    await tx.transaction(async (sp) => {
      await sp.execute(query);
    });
    return undefined;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.code ?? e.cause?.code;
  }
}

describe("the host role in the database", () => {
  it("runs as vendops_host, which is no superuser, does not bypass RLS and owns nothing", async () => {
    const [role] = rowsOf<{ role: string; locations: string }>(
      await asHost((tx) => tx.execute(sql`select current_user as role, current_setting('app.location_ids') as locations`)),
    );
    expect(role).toEqual({ role: "vendops_host", locations: f.locationId });
    const [attrs] = rowsOf<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>(
      await t.db.execute(sql`select rolsuper, rolbypassrls, (select count(*)::int from pg_class c where c.relowner = r.oid) as owned from pg_roles r where rolname = 'vendops_host'`),
    );
    expect(attrs).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it("shows only the host's location of the org: locations, machines, sales, statements", async () => {
    await asHost(async (tx) => {
      expect(await ids(tx, sql`select id from locations`)).toEqual([f.locationId]);
      expect(await ids(tx, sql`select id from machines`)).toEqual([f.machineId]);
      expect(rowsOf(await tx.execute(sql`select location_id from sales`)).map((r) => r.location_id)).toEqual([f.locationId]);
      // The draft stays the operator's until approved.
      expect(await ids(tx, sql`select id from host_statements`)).toEqual([f.statementId]);
      expect(await ids(tx, sql`select id from organizations`)).toEqual([f.orgId]);
      // Named directly, the other place's rows are not there either.
      expect(await ids(tx, sql`select id from machines where id = ${f.otherMachineId}`)).toEqual([]);
      expect(await ids(tx, sql`select id from host_statements where id = ${f.otherStatementId}`)).toEqual([]);
    });
  });

  it("shows nothing of another org, even with its location ids in the setting", async () => {
    await asHost(async (tx) => {
      expect(await ids(tx, sql`select id from locations`)).toEqual([]);
      expect(await ids(tx, sql`select id from machines`)).toEqual([]);
      expect(await ids(tx, sql`select id from sales`)).toEqual([]);
      expect(await ids(tx, sql`select id from host_statements`)).toEqual([]);
    }, [f.orgB.locationId]);
  });

  it("shows nothing without locations", async () => {
    await asHost(async (tx) => {
      expect(await ids(tx, sql`select id from locations`)).toEqual([]);
      expect(await ids(tx, sql`select id from sales`)).toEqual([]);
    }, []);
  });

  it("refuses every other table and the columns a host has no business reading", async () => {
    await asHost(async (tx) => {
      for (const query of [
        sql`select id from products`,
        sql`select user_id from memberships`,
        sql`select id from users`,
        sql`select id from alerts`,
        sql`select id from host_contracts`,
        sql`select user_id from host_members`,
        sql`select id from host_invitations`,
        sql`select * from machines`,
        sql`select cost_minor from sales`,
        sql`select consumer_id from sales`,
        sql`select legal_name from organizations`,
        sql`select machine_id from machine_secrets`,
        sql`update machines set name = 'x'`,
        sql`delete from sales`,
        sql`insert into locations (id, org_id, name) values ('loc_x', ${f.orgId}, 'Mine now')`,
      ]) {
        expect(await refusal(tx, query)).toBe("42501");
      }
    });
  });

  it("lets a host write a problem report only for a machine of their own place, as themselves", async () => {
    await asHost(async (tx) => {
      const insert = (id: string, locationId: string, machineId: string, userId = f.host.id) =>
        sql`insert into host_problem_reports (id, org_id, location_id, machine_id, user_id, text) values (${id}, ${f.orgId}, ${locationId}, ${machineId}, ${userId}, 'Broken')`;
      expect(await refusal(tx, insert("hpr_1", f.locationId, f.machineId))).toBeUndefined();
      expect(await refusal(tx, insert("hpr_2", f.otherLocationId, f.otherMachineId))).toBe("42501");
      expect(await refusal(tx, insert("hpr_3", f.locationId, f.otherMachineId))).toBe("42501");
      expect(await refusal(tx, insert("hpr_4", f.locationId, f.machineId, f.manager.id))).toBe("42501");
      expect(await ids(tx, sql`select id from host_problem_reports`)).toEqual(["hpr_1"]);
    });
  });
});
