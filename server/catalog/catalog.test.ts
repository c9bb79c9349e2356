import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createOrg } from "~/test/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("catalog", () => {
  it("creates and updates products, refusing duplicate SKUs and bad prices clearly", async () => {
    const { org, owner } = await createOrg(t.db);
    const api = callerFor(t.db, owner);
    const p = await api.products.create({ orgId: org.id, sku: "SNK-1", name: "Pretzel", category: "Snacks", priceMinor: 199, costMinor: 60 });
    expect(p).toMatchObject({ sku: "SNK-1", priceMinor: 199, active: true });
    await expect(api.products.create({ orgId: org.id, sku: "SNK-1", name: "Other", priceMinor: 100 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Another product already has this SKU.",
    });
    await expect(api.products.create({ orgId: org.id, sku: "SNK-2", name: "Float", priceMinor: 1.99 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("minor units"),
    });
    const updated = await api.products.update({ orgId: org.id, productId: p.id, sku: "SNK-1", name: "Pretzel XL", priceMinor: 249, active: false });
    expect(updated).toMatchObject({ name: "Pretzel XL", priceMinor: 249, active: false });
    expect((await api.products.list({ orgId: org.id })).map((x) => x.name)).toEqual(["Pretzel XL"]);
  });
});
