import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createTrpcContext } from "~/server/trpc/init";
import { createCaller } from "~/server/trpc/root";
import { callerFor, createOrg } from "~/test/factories";
import { createMachineWithPlanogram } from "~/test/machines";
import { orgSnapshot } from "~/test/rows";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const file = (...lines: string[]) => lines.join("\n");

describe("products import", () => {
  it("previews every row with its outcome and writes nothing until imported", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const api = callerFor(t.db, m.owner);
    const before = await orgSnapshot(t.db, m.org.id);
    const csv = file(
      "SKU,Name,Category,Price,Cost,Active,Notes",
      "COLA-033,Cola 0.33 l,Drinks,2.70,0.90,yes,dearer now",
      "WATER-05,Water 0.5 l,Drinks,1.50,0.30,,",
      "CHIPS-1,Paprika chips,Snacks,\"1,80\",0.60,no,",
    );
    const preview = await api.products.previewImport({ orgId: m.org.id, csv });
    expect(preview.ignoredColumns).toEqual(["Notes"]);
    expect(preview.counts).toEqual({ new: 1, update: 1, unchanged: 1, error: 0 });
    expect(preview.rows.map((r) => [r.row, r.sku, r.outcome])).toEqual([
      [2, "COLA-033", "update"],
      [3, "WATER-05", "unchanged"],
      [4, "CHIPS-1", "new"],
    ]);
    expect(preview.rows[0]!.changes).toEqual([{ field: "priceMinor", from: 250, to: 270 }]);
    expect(preview.rows[2]!.values).toEqual({ category: "Snacks", priceMinor: 180, costMinor: 60, active: false });
    expect(await orgSnapshot(t.db, m.org.id)).toEqual(before);

    const done = await api.products.import({ orgId: m.org.id, csv });
    expect(done.counts).toEqual(preview.counts);
    const list = await api.products.list({ orgId: m.org.id });
    expect(list.map((p) => [p.sku, p.priceMinor, p.active])).toEqual([
      ["BAR-CHOC", 180, true],
      ["COLA-033", 270, true],
      ["CHIPS-1", 180, false],
      ["WATER-05", 150, true],
    ]);
    const audit = await callerFor(t.db, m.owner).audit.list({ orgId: m.org.id });
    const actions = audit.entries.filter((e) => e.data && (e.data as { source?: string }).source === "import").map((e) => e.action).sort();
    expect(actions).toEqual(["product.created", "product.updated"]);

    // The same file again: every row unchanged, nothing written.
    const afterImport = await orgSnapshot(t.db, m.org.id);
    const again = await api.products.import({ orgId: m.org.id, csv });
    expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 3, error: 0 });
    expect(await orgSnapshot(t.db, m.org.id)).toEqual(afterImport);
  });

  it("names the row, the column and what to fix for each bad row, and skips only those", async () => {
    const { org, owner } = await createOrg(t.db);
    const api = callerFor(t.db, owner);
    const csv = file(
      "sku;name;price;cost;active;image_url",
      "GOOD-1;Good one;2,50;1;yes;",
      "bad sku;Spaces;1;;;",
      ";No SKU;1;;;",
      "NO-NAME;;1;;;",
      "NO-PRICE;No price;;;;",
      "TEXT-PRICE;Text price;abc;;;",
      "TOO-PRECISE;Three decimals;1.234;;;",
      "NEG-COST;Negative cost;1;-1;;",
      "ACTIVE;Active maybe;1;;maybe;",
      "IMAGE;Image;1;;;not a url",
      "GOOD-1;Twice;3;;;",
      "GOOD-2;Good two;0.99;;;",
    );
    const preview = await api.products.previewImport({ orgId: org.id, csv });
    expect(preview.counts).toEqual({ new: 2, update: 0, unchanged: 0, error: 10 });
    const problems = preview.rows.filter((r) => r.outcome === "error").map((r) => [r.row, r.issues.map((i) => `${i.column}: ${i.message}`)]);
    expect(problems).toEqual([
      [3, ["sku: Use letters, digits, dots, dashes and underscores."]],
      [4, ["sku: Enter a SKU."]],
      [5, ["name: Enter a name."]],
      [6, ["price: Enter the price."]],
      [7, ["price: “abc” is not an amount in EUR. Use an amount like 2.50."]],
      [8, ["price: “1.234” is not an amount in EUR. Use an amount like 2.50."]],
      [9, ["cost: “-1” is not an amount in EUR. Use an amount like 2.50."]],
      [10, ["active: Use yes or no, not “maybe”."]],
      [11, ["image_url: Enter a full URL starting with https://"]],
      [12, ["sku: SKU GOOD-1 is also on row 2; keep one of the two rows."]],
    ]);
    // The rows' own problems read in the reader's language.
    const zh = await createCaller(createTrpcContext({ db: t.db, user: owner, locale: "zh-CN" })).products.previewImport({ orgId: org.id, csv });
    const zhProblems = new Map(zh.rows.map((r) => [r.row, r.issues.map((i) => i.message)]));
    expect([zhProblems.get(7), zhProblems.get(10), zhProblems.get(12)]).toEqual([
      ["“abc”不是以 EUR 计的金额。请输入类似 2.50 的金额。"],
      ["请填写 yes 或 no，而不是“maybe”。"],
      ["SKU GOOD-1 也出现在第 2 行；请只保留其中一行。"],
    ]);
    const done = await api.products.import({ orgId: org.id, csv });
    expect(done.counts.error).toBe(10);
    expect((await api.products.list({ orgId: org.id })).map((p) => [p.sku, p.priceMinor, p.costMinor])).toEqual([
      ["GOOD-1", 250, 100],
      ["GOOD-2", 99, 0],
    ]);
  });

  it("refuses a file it cannot read, or without a sku column, with what to do", async () => {
    const { org, owner } = await createOrg(t.db);
    const api = callerFor(t.db, owner);
    await expect(api.products.previewImport({ orgId: org.id, csv: "name,price\nCola,1" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The file has no sku column. Name the columns in the first row: sku, name, price, cost, category, active, image_url.",
    });
    await expect(api.products.previewImport({ orgId: org.id, csv: 'sku,name\nA,"broken"quote' })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("line 2"),
    });
    await expect(api.products.import({ orgId: org.id, csv: "sku,name,price\n" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "The file has a header row but no rows under it." });
    await expect(api.products.import({ orgId: org.id, csv: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await api.products.list({ orgId: org.id })).toEqual([]);
  });

  it("reads prices in the org's currency precision", async () => {
    const { org, owner } = await createOrg(t.db);
    const api = callerFor(t.db, owner);
    await api.org.update({ orgId: org.id, name: org.name, timeZone: "Asia/Tokyo", currency: "JPY" });
    const preview = await api.products.previewImport({ orgId: org.id, csv: "sku,name,price\nONIGIRI,Onigiri,180\nTEA,Tea,1.50" });
    expect(preview.rows.map((r) => [r.sku, r.outcome, r.values?.priceMinor ?? r.issues[0]?.message])).toEqual([
      ["ONIGIRI", "new", 180],
      ["TEA", "error", "“1.50” is not an amount in JPY. Use an amount like 250."],
    ]);
  });

  it("never matches or touches another org's products", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const b = await createOrg(t.db);
    const beforeA = await orgSnapshot(t.db, a.org.id);
    const apiB = callerFor(t.db, b.owner);
    // Org A has COLA-033; for org B it is a new product.
    const csv = "sku,name,price\nCOLA-033,Cola from B,9.99";
    const preview = await apiB.products.previewImport({ orgId: b.org.id, csv });
    expect(preview.rows[0]).toMatchObject({ outcome: "new" });
    await apiB.products.import({ orgId: b.org.id, csv });
    expect((await apiB.products.list({ orgId: b.org.id })).map((p) => [p.sku, p.name])).toEqual([["COLA-033", "Cola from B"]]);
    expect(await orgSnapshot(t.db, a.org.id)).toEqual(beforeA);
  });
});
