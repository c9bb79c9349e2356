import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveryRoutes, slotForecasts, users } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor } from "~/test/factories";
import { seedDemo } from "./seed";

let t: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), "vendops-demo-routes-"));
});
afterAll(async () => {
  await t.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the demo seed's routes", () => {
  it("puts every machine on a route with a technician, forecasts at once, and does it once", async () => {
    const options = { dataDir, machines: 4, historyDays: 3, log: () => {} };
    const { orgId } = await seedDemo(t.db, "demo-password-for-tests", options);
    const [tech] = await t.db.select().from(users).where(eq(users.email, "technician@demo-vending.example"));
    const api = callerFor(t.db, { id: tech!.id, email: tech!.email, name: tech!.name });
    const list = await api.routes.list({ orgId });
    expect(list.reduce((a, r) => a + r.machines.length, 0)).toBe(4);
    expect(list.every((r) => r.technician !== null)).toBe(true);
    expect((await api.routes.mine({ orgId })).mine.length).toBeGreaterThan(0);
    expect((await t.db.select().from(slotForecasts).where(eq(slotForecasts.orgId, orgId))).length).toBeGreaterThan(0);

    await seedDemo(t.db, "demo-password-for-tests", options);
    expect(await t.db.select().from(deliveryRoutes).where(eq(deliveryRoutes.orgId, orgId))).toHaveLength(list.length);
  });
});
