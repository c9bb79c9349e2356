import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineSecrets } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor } from "~/test/factories";
import { createMachineWithPlanogram } from "~/test/machines";
import { machineCredentials } from "./credentials";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

// On Postgres the rotations run in their own transactions at the same moment; PGlite has one
// connection and runs them one after another, which must end the same way.
describe("machines.rotateSecret at the same moment", () => {
  it("lets every rotation finish, leaves exactly one current secret, and keeps the replaced ones in their grace period", async () => {
    const m = await createMachineWithPlanogram(t.db);
    // Each call with its own context, as separate HTTP requests have.
    const rotate = () => callerFor(t.db, m.owner).machines.rotateSecret({ orgId: m.org.id, machineId: m.machine.id });
    const rotations = await Promise.allSettled([rotate(), rotate(), rotate()]);
    expect(rotations.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok", "ok"]);
    const issued = rotations.map((r) => (r.status === "fulfilled" ? r.value.secret : ""));

    const current = await t.db
      .select()
      .from(machineSecrets)
      .where(and(eq(machineSecrets.machineId, m.machine.id), isNull(machineSecrets.expiresAt)));
    expect(current).toHaveLength(1);
    // One of the three answers is the current secret; the registration's and the other two verify
    // for the grace period, as after rotations one after another.
    const credentials = await machineCredentials(t.db, { machineId: m.machine.id });
    expect(credentials!.secrets.map((s) => s.secret).sort()).toEqual([m.secret, ...issued].sort());
    // The replaced ones expire after the grace period; the current one does not.
    expect(credentials!.secrets.filter((s) => s.expiresAt === null)).toHaveLength(1);
    const all = await t.db.select().from(machineSecrets).where(eq(machineSecrets.machineId, m.machine.id));
    const hour = 3600_000;
    for (const s of all.filter((x) => x.expiresAt)) {
      expect(s.expiresAt!.getTime() - Date.now()).toBeGreaterThan(23 * hour);
      expect(s.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(24 * hour);
    }
  });

  it("answers NOT_FOUND for a machine of another org, and stores nothing", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const b = await createMachineWithPlanogram(t.db);
    await expect(callerFor(t.db, b.owner).machines.rotateSecret({ orgId: b.org.id, machineId: a.machine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.select().from(machineSecrets).where(eq(machineSecrets.machineId, a.machine.id))).toHaveLength(1);
  });
});
