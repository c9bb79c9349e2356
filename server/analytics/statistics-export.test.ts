import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MonthlyBreakdownRow, MonthlyFigures, MonthlyStatistics } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { ingestBatch } from "~/server/ingest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createOrg } from "~/test/factories";
import { createMachineWithPlanogram, restock, vend } from "~/test/machines";
import { pdfTexts } from "~/test/pdf-text";
import { generateDueMonths } from "./monthly";
import { statisticsCsv, statisticsForExport, statisticsPdf } from "./statistics-export";
import { machineContext } from "~/server/context";

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
    await withTenant(t.db, { orgId: m.org.id }, (tx) =>
      ingestBatch(machineContext(tx, { orgId: m.org.id, machineId: m.machine.id }), { machineId: m.machine.id, receivedAt: new Date("2026-11-02T00:00:00Z"), events: [
        restock([{ slot: "A1", quantity: 20 }], new Date("2026-09-30T10:00:00Z")),
        vend("A1", { at: new Date("2026-10-05T10:00:00Z"), method: "wechat_pay" }),
        vend("A1", { at: new Date("2026-10-06T10:00:00Z"), method: "cash" }),
      ] }),
    );
    await generateDueMonths(t.db, { org: { id: m.org.id, timeZone: "Europe/Berlin", currency: "EUR" }, now: new Date("2026-11-02T00:00:00Z") });

    const stats = await statisticsForExport(t.db, { orgId: m.org.id, userId: m.owner.id, role: "owner", name: m.owner.name, month: "2026-10" });
    expect(stats).not.toBeNull();
    const rows = parse(statisticsCsv(stats!, options), { columns: true, bom: true }) as Record<string, string>[];
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
    expect(await statisticsForExport(t.db, { orgId: other.org.id, userId: other.owner.id, role: "owner", name: other.owner.name, month: "2026-10" })).toBeNull();
  });

  it("print the PDF's changes with a minus the font has, amounts and counts grouped, and every cell on its own line", async () => {
    const month = (scale: number): MonthlyFigures => ({
      revenueMinor: Math.round(1_234_567 * scale),
      costMinor: 456_789,
      marginMinor: Math.round(777_778 * scale),
      units: Math.round(4321 * scale),
      tickets: 4000,
      averageTicketMinor: 285,
      failedVends: 12,
      refunds: 10,
      refundMinor: 2500,
      otherRefunds: 3,
      otherRefundMinor: 1200,
      failureRate: 0.02,
      stockoutHours: 1234,
      uptime: 0.98,
    });
    const row = (label: string): MonthlyBreakdownRow => ({ ...month(1), key: label, label, uptime: 0.99 });
    const stats: MonthlyStatistics = {
      orgId: "org_pdf",
      month: "2026-10-01",
      timeZone: "Europe/Berlin",
      currency: "EUR",
      figures: month(1),
      previousMonth: month(1.2),
      previousYear: month(0.8),
      breakdowns: { machines: [row("A machine with a very long name in the north wing of the main station building"), row("Station hall 2")], locations: [row("Main station")], products: [], paymentMethods: [] },
      generatedAt: new Date("2026-11-02T00:00:00Z"),
      stale: false,
      revisedAt: null,
    };
    const texts = pdfTexts(await statisticsPdf(stats, options));
    const shown = texts.map((t) => t.text);
    expect(shown).toEqual(expect.arrayContaining(["12,345.67 EUR", "7,777.78 EUR", "4,321", "1,234", "-17 %", "+25 %", "Other refunds (by hand, on request, undelivered orders)", "A machine with a very long…"]));
    // Every character is one the standard font encodes: U+2212 came out as a quotation mark.
    expect(shown.filter((t) => t.includes('"'))).toEqual([]);
    // Table cells are one line each: rows of a table are a full row apart, never a wrapped line apart.
    const rows = [...new Set(texts.filter((t) => t.size === 8.5).map((t) => `${t.page}:${t.y}`))].map((k) => k.split(":").map(Number) as [number, number]);
    rows.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const gaps = rows.slice(1).flatMap((r, i) => (r[0] === rows[i]![0] ? [rows[i]![1] - r[1]] : []));
    expect(gaps.length).toBeGreaterThan(10);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(12);
  });
});
