import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import type { Db } from "~/db/client";
import { checkHealth } from "./health";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("checkHealth", () => {
  it("reports ok when the database answers", async () => {
    const health = await checkHealth(async () => t.db);
    expect(health).toMatchObject({ status: "ok", database: "ok" });
    expect(Number.isInteger(health.latencyMs)).toBe(true);
  });

  it("reports unavailable when the database cannot be opened", async () => {
    const health = await checkHealth(() => Promise.reject(new Error("connection refused")));
    expect(health).toMatchObject({ status: "unavailable", database: "unreachable" });
  });

  it("reports unavailable when a query fails", async () => {
    const broken = { execute: () => Promise.reject(new Error("terminating connection")) } as unknown as Db;
    expect(await checkHealth(async () => broken, 1000)).toMatchObject({ status: "unavailable", database: "unreachable" });
  });

  it("reports unavailable, instead of hanging, when the database never answers", async () => {
    const health = await checkHealth(() => new Promise<Db>(() => {}), 20);
    expect(health).toMatchObject({ status: "unavailable", database: "unreachable" });
  });
});
