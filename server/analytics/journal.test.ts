import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/db/ids";
import { cashCollections, refunds, sales, type PaymentMethod } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { memberContext } from "~/server/context";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createMachineWithPlanogram } from "~/test/machines";
import { journalExportInput } from "./contract";
import { dailyJournal, type DailyJournal } from "./journal";
import { journalCsv } from "./journal-csv";

let t: TestDatabase;
let m: Awaited<ReturnType<typeof createMachineWithPlanogram>>;
let other: Awaited<ReturnType<typeof createMachineWithPlanogram>>;
beforeAll(async () => {
  t = await createTestDatabase();
  m = await createMachineWithPlanogram(t.db);
  other = await createMachineWithPlanogram(t.db);
  const sale = (of: typeof m, row: { id?: string; product: "cola" | "water" | "bar"; price: number; cost: number; vatBp: number; method: PaymentMethod; at: string; ok?: boolean }) => ({
    id: row.id ?? newId("sal"),
    orgId: of.org.id,
    machineId: of.machine.id,
    eventId: newId("evt"),
    slotCode: "A1",
    productId: of.products[row.product].id,
    status: row.ok === false ? ("failed" as const) : ("succeeded" as const),
    priceMinor: row.price,
    costMinor: row.cost,
    currency: "EUR",
    vatRateBp: row.vatBp,
    paymentMethod: row.method,
    occurredAt: new Date(row.at),
  });
  // The org is in Europe/Berlin (UTC+1 in November). Day 2026-11-10 there:
  await t.db.insert(sales).values([
    sale(m, { id: "sal_refunded", product: "cola", price: 250, cost: 90, vatBp: 1900, method: "card", at: "2026-11-10T09:00:00Z" }),
    sale(m, { product: "cola", price: 250, cost: 90, vatBp: 1900, method: "card", at: "2026-11-10T10:00:00Z" }),
    sale(m, { product: "bar", price: 180, cost: 70, vatBp: 700, method: "cash", at: "2026-11-10T11:00:00Z" }),
    // 00:30 on the 10th in Berlin, still the 9th in UTC.
    sale(m, { product: "water", price: 150, cost: 30, vatBp: 1900, method: "cash", at: "2026-11-09T23:30:00Z" }),
    // A failed vend is no revenue, and its refund is left out.
    sale(m, { id: "sal_failed", product: "cola", price: 250, cost: 90, vatBp: 1900, method: "card", at: "2026-11-10T12:00:00Z", ok: false }),
    // 00:30 on the 11th in Berlin, still the 10th in UTC.
    sale(m, { product: "bar", price: 180, cost: 70, vatBp: 700, method: "cash", at: "2026-11-10T23:30:00Z" }),
    // Another org's sale on the same day never appears.
    sale(other, { product: "cola", price: 9900, cost: 10, vatBp: 1900, method: "alipay", at: "2026-11-10T10:00:00Z" }),
  ]);
  const refund = (id: string, saleId: string, status: "succeeded" | "pending") => ({
    id,
    orgId: m.org.id,
    saleId,
    origin: "manual" as const,
    amountMinor: 250,
    currency: "EUR",
    paymentMethod: "card" as const,
    reason: "wrong product",
    status,
    createdAt: new Date("2026-11-10T15:00:00Z"),
  });
  await t.db.insert(refunds).values([refund("rf_ok", "sal_refunded", "succeeded"), refund("rf_failed_vend", "sal_failed", "succeeded")]);
  await t.db.insert(cashCollections).values({
    id: newId("cc"),
    orgId: m.org.id,
    machineId: m.machine.id,
    eventId: newId("evt"),
    amountMinor: 320,
    countedMinor: 320,
    expectedMinor: 330,
    currency: "EUR",
    occurredAt: new Date("2026-11-10T16:00:00Z"),
  });
});
afterAll(async () => {
  await t.drop();
});

const journalOf = (of: typeof m, range: { from: string; to: string }) =>
  withTenant(t.db, { orgId: of.org.id, userId: of.owner.id }, (tx) =>
    dailyJournal(memberContext(tx, { orgId: of.org.id, role: "owner", userId: of.owner.id, name: of.owner.name }), range),
  );

const totals = (journal: DailyJournal) =>
  journal.days.map((d) => ({
    day: d.day,
    debits: d.lines.reduce((sum, l) => sum + l.debitMinor, 0),
    credits: d.lines.reduce((sum, l) => sum + l.creditMinor, 0),
  }));

describe("the daily journal", () => {
  it("posts a hand-computed day: sales by category and method net of each sale's VAT, cost, refunds and a cash shortfall", async () => {
    const journal = await journalOf(m, { from: "2026-11-10", to: "2026-11-10" });
    expect(journal.currency).toBe("EUR");
    expect(journal.days.map((d) => d.day)).toEqual(["2026-11-10"]);
    // VAT: cola 250 at 19 % is 40, water 150 at 19 % is 24, bar 180 at 7 % is 12.
    expect(journal.days[0]!.lines).toEqual([
      { account: "cardClearing", description: "Sales paid by card", debitMinor: 500, creditMinor: 0 },
      { account: "cashInMachines", description: "Sales paid by cash", debitMinor: 330, creditMinor: 0 },
      { account: "salesRevenue", description: "Sales: Drinks", debitMinor: 0, creditMinor: 210 + 210 + 126 },
      { account: "salesRevenue", description: "Sales: Snacks", debitMinor: 0, creditMinor: 168 },
      { account: "vatPayable", description: "VAT on sales", debitMinor: 0, creditMinor: 40 + 40 + 24 + 12 },
      { account: "costOfGoodsSold", description: "Cost of goods sold", debitMinor: 90 + 90 + 70 + 30, creditMinor: 0 },
      { account: "inventory", description: "Goods sold from stock", debitMinor: 0, creditMinor: 280 },
      { account: "salesRefunds", description: "Refunds of sales", debitMinor: 210, creditMinor: 0 },
      { account: "vatPayable", description: "VAT on refunds", debitMinor: 40, creditMinor: 0 },
      { account: "cardClearing", description: "Refunds paid by card", debitMinor: 0, creditMinor: 250 },
      { account: "cashOnHand", description: "Cash collected (1 collection)", debitMinor: 320, creditMinor: 0 },
      { account: "cashInMachines", description: "Cash expected in machines", debitMinor: 0, creditMinor: 330 },
      { account: "cashOverShort", description: "Cash short", debitMinor: 10, creditMinor: 0 },
    ]);
    expect(totals(journal)).toEqual([{ day: "2026-11-10", debits: 1690, credits: 1690 }]);
  });

  it("cuts days at midnight in the org's zone, and every day balances to the cent", async () => {
    const journal = await journalOf(m, { from: "2026-11-01", to: "2026-11-30" });
    expect(journal.days.map((d) => d.day)).toEqual(["2026-11-10", "2026-11-11"]);
    expect(journal.days[1]!.lines).toEqual([
      { account: "cashInMachines", description: "Sales paid by cash", debitMinor: 180, creditMinor: 0 },
      { account: "salesRevenue", description: "Sales: Snacks", debitMinor: 0, creditMinor: 168 },
      { account: "vatPayable", description: "VAT on sales", debitMinor: 0, creditMinor: 12 },
      { account: "costOfGoodsSold", description: "Cost of goods sold", debitMinor: 70, creditMinor: 0 },
      { account: "inventory", description: "Goods sold from stock", debitMinor: 0, creditMinor: 70 },
    ]);
    for (const day of totals(journal)) expect(day.debits).toBe(day.credits);
    // The day before holds nothing: the 00:30 sale belongs to the 10th.
    expect((await journalOf(m, { from: "2026-11-09", to: "2026-11-09" })).days).toEqual([]);
  });

  it("holds only the org's own figures", async () => {
    const mine = await journalOf(m, { from: "2026-11-10", to: "2026-11-10" });
    expect(mine.days[0]!.lines.some((l) => l.account === "alipayClearing")).toBe(false);
    const theirs = await journalOf(other, { from: "2026-11-10", to: "2026-11-11" });
    expect(theirs.days.map((d) => d.lines)).toEqual([
      [
        { account: "alipayClearing", description: "Sales paid by Alipay", debitMinor: 9900, creditMinor: 0 },
        { account: "salesRevenue", description: "Sales: Drinks", debitMinor: 0, creditMinor: 8319 },
        { account: "vatPayable", description: "VAT on sales", debitMinor: 0, creditMinor: 1581 },
        { account: "costOfGoodsSold", description: "Cost of goods sold", debitMinor: 10, creditMinor: 0 },
        { account: "inventory", description: "Goods sold from stock", debitMinor: 0, creditMinor: 10 },
      ],
    ]);
  });
});

describe("the journal import files", () => {
  const options = { orgName: "Demo Vending" };

  it("writes Xero's manual journal template: signed amounts, dd/mm/yyyy, account codes, a BOM", async () => {
    const csv = journalCsv(await journalOf(m, { from: "2026-11-10", to: "2026-11-11" }), "xero", options);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\n");
    expect(lines[0]).toBe("*Narration,*Date,Description,*AccountCode,*TaxRate,*Amount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2");
    expect(lines[1]).toBe("Demo Vending daily journal 2026-11-10,10/11/2026,Sales paid by card,093,No VAT,5.00,,,,");
    expect(lines[3]).toBe("Demo Vending daily journal 2026-11-10,10/11/2026,Sales: Drinks,200,No VAT,-5.46,,,,");
    expect(lines).toHaveLength(1 + 13 + 5);
    const sum = lines.slice(1).reduce((total, line) => total + Math.round(Number(line.split(",")[5]) * 100), 0);
    expect(sum).toBe(0);
  });

  it("writes QuickBooks Online's journal entry import: one journal number a day, MM/DD/YYYY, debits and credits apart", async () => {
    const csv = journalCsv(await journalOf(m, { from: "2026-11-10", to: "2026-11-11" }), "quickbooks", options);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\n");
    expect(lines[0]).toBe("Journal No.,Journal Date,Account Name,Debits,Credits,Description,Name");
    expect(lines[1]).toBe("VO-2026-11-10,11/10/2026,Card clearing,5.00,,Sales paid by card,");
    expect(lines[5]).toBe("VO-2026-11-10,11/10/2026,VAT payable,,1.16,VAT on sales,");
    expect(lines.at(-1)).toBe("VO-2026-11-11,11/11/2026,Inventory,,0.70,Goods sold from stock,");
  });

  it("writes only the header for a range without activity", async () => {
    const csv = journalCsv(await journalOf(m, { from: "2025-01-01", to: "2025-01-31" }), "quickbooks", options);
    expect(csv).toBe("\uFEFFJournal No.,Journal Date,Account Name,Debits,Credits,Description,Name\n");
  });
});

describe("the accounting export's input", () => {
  it("takes a range of at most 366 days and a known format", () => {
    expect(journalExportInput.safeParse({ from: "2024-01-01", to: "2024-12-31", format: "xero" }).success).toBe(true);
    const issue = (input: Record<string, string | undefined>) => journalExportInput.safeParse(input).error?.issues[0]?.message;
    expect(issue({ from: "2024-01-01", to: "2025-01-01", format: "xero" })).toBe("Choose at most 366 days.");
    expect(issue({ from: "2026-02-01", to: "2026-01-01", format: "xero" })).toBe("The start date must not be after the end date.");
    expect(issue({ from: "2026-01-01", to: "2026-01-31", format: "sage" })).toBe("Choose a format: xero or quickbooks.");
  });
});
