import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "~/db/tenant";
import { ingestBatch } from "~/server/ingest/batch";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createOrg } from "~/test/factories";
import { createMachineWithPlanogram, restock, vend } from "~/test/machines";
import { generateDueMonths } from "./monthly";
import { statisticsCsv, statisticsForExport, statisticsPdf } from "./statistics-export";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const options = { orgName: "Export Vending", paymentMethodLabel: (m: string) => (m === "wechat_pay" ? "WeChat Pay" : m) };

describe("statistics exports", () => {
  it("write the month's figures and breakdowns as CSV and PDF, for the org's members only", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 20 });
    await withTenant(t.db, m.org.id, (tx) =>
      ingestBatch({ db: tx, orgId: m.org.id, role: null, actor: { type: "machine", id: m.machine.id } }, m.machine.id, [
        restock([{ slot: "A1", quantity: 20 }], new Date("2026-09-30T10:00:00Z")),
        vend("A1", { at: new Date("2026-10-05T10:00:00Z"), method: "wechat_pay" }),
        vend("A1", { at: new Date("2026-10-06T10:00:00Z"), method: "cash" }),
      ], new Date("2026-11-02T00:00:00Z")),
    );
    await generateDueMonths(t.db, { id: m.org.id, timeZone: "Europe/Berlin", currency: "EUR" }, new Date("2026-11-02T00:00:00Z"));

    const stats = await statisticsForExport(t.db, { orgId: m.org.id, userId: m.owner.id }, "2026-10");
    expect(stats).not.toBeNull();
    const rows = parse(statisticsCsv(stats!, options), { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ section: "month", key: "2026-10", revenue: "5.00", units: "2", margin: "3.20", currency: "EUR" });
    expect(rows.filter((r) => r.section === "payment_method").map((r) => r.name).sort()).toEqual(["WeChat Pay", "cash"]);
    expect(rows.find((r) => r.section === "product")).toMatchObject({ name: "Cola 0.33 l", units: "2" });
    expect(rows.find((r) => r.section === "machine")).toMatchObject({ name: "Station hall 1", revenue: "5.00" });

    const pdf = await statisticsPdf(stats!, options);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.subarray(-6).toString()).toContain("%%EOF");
    expect(pdf.length).toBeGreaterThan(2000);

    // Another org's member reads through their own org, which has no statistics for that month.
    const other = await createOrg(t.db);
    expect(await statisticsForExport(t.db, { orgId: other.org.id, userId: other.owner.id }, "2026-10")).toBeNull();
  });
});
