import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/db/ids";
import { auditLog, hostStatements, refunds, sales } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { generateDueMonths } from "~/server/analytics";
import { createLocation, registerMachine } from "~/server/fleet";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { asOwner, createMachineWithPlanogram } from "~/test/machines";
import { saleRow } from "~/test/payments";
import { generateDueStatements, generateStatements, getStatement, listContracts, listStatements, locationCommissions, saveContract } from "./index";
import { approveStatement, markStatementPaid } from "./statements";
import { sendStatement } from "./send";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/**
 * An org in Berlin with a hosted location (two machines) and a location without a contract.
 * August and September under a tiered gross contract with a minimum; from October a net contract
 * with cash and cashless rates, an amount per unit and a rent.
 */
async function hostedOrg() {
  const { org, owner, location, machine } = await createMachineWithPlanogram(t.db);
  const as = <T>(fn: Parameters<typeof asOwner<T>>[3]) => asOwner(t.db, org.id, owner.id, fn);
  const { m2, other } = await as(async (ctx) => {
    const m2 = (await registerMachine(ctx, { name: "Window 2", serial: `L2-${newId("s").slice(-6)}`, locationId: location.id })).machine;
    const elsewhere = await createLocation(ctx, { name: "Elsewhere", kind: "office" });
    const other = (await registerMachine(ctx, { name: "Far", serial: `FA-${newId("s").slice(-6)}`, locationId: elsewhere.id })).machine;
    return { m2, other };
  });
  const sale = (machineId: string, at: string, o: Partial<typeof sales.$inferInsert> = {}) =>
    saleRow(org.id, machineId, { locationId: machineId === other.id ? other.locationId : location.id, occurredAt: new Date(at), vatRateBp: 1900, ...o });
  const insertSales = (rows: (typeof sales.$inferInsert)[]) => withTenant(t.db, { orgId: org.id }, (tx) => tx.insert(sales).values(rows).returning());
  const job = async (now: string) => {
    const orgZone = { id: org.id, timeZone: "Europe/Berlin", currency: "EUR" };
    await generateDueMonths(t.db, { org: orgZone, now: new Date(now) });
    return generateDueStatements(t.db, { org: orgZone, now: new Date(now) });
  };
  return { org, owner, location, m1: machine, m2, other, as, sale, insertSales, job };
}

const tiered = { basis: "gross" as const, tiers: [{ fromMinor: 0, percentBp: 1000 }, { fromMinor: 10_000, percentBp: 1500 }], minimumGuaranteeMinor: 1500 };
const split = { basis: "net" as const, cashPercentBp: 1200, cashlessPercentBp: 800, perUnitMinor: 5, flatRentMinor: 1000 };

describe("host statements of closed months", () => {
  it("applies each month's contract to the month's sales by machine and payment method, refunds and VAT included", async () => {
    const o = await hostedOrg();
    await o.as((ctx) => saveContract(ctx, { locationId: o.location.id, effectiveFrom: "2026-08", ...tiered, contactEmails: ["host@example.test"] }));
    await o.as((ctx) => saveContract(ctx, { locationId: o.location.id, effectiveFrom: "2026-10", ...split, contactEmails: ["host@example.test"] }));
    const [augustCash] = await o.insertSales([o.sale(o.m1.id, "2026-08-10T10:00:00Z", { paymentMethod: "cash" })]);
    await o.insertSales([
      // August: 3 more cash and 2 card vends at 2.50: 15.00 in all.
      ...Array.from({ length: 3 }, () => o.sale(o.m1.id, "2026-08-11T10:00:00Z", { paymentMethod: "cash" })),
      ...Array.from({ length: 2 }, () => o.sale(o.m2.id, "2026-08-12T10:00:00Z")),
      // September: 60 card vends at 2.50 = 150.00.
      ...Array.from({ length: 60 }, () => o.sale(o.m1.id, "2026-09-15T10:00:00Z")),
      // 00:30 on 1 October in Berlin: October's, though September in UTC.
      o.sale(o.m1.id, "2026-09-30T22:30:00Z"),
      // October: 10 cash vends at 2.50 (19 % VAT) on M1, 20 card vends at 1.50 (7 %) on M2.
      ...Array.from({ length: 10 }, () => o.sale(o.m1.id, "2026-10-05T10:00:00Z", { paymentMethod: "cash" })),
      ...Array.from({ length: 20 }, () => o.sale(o.m2.id, "2026-10-06T10:00:00Z", { priceMinor: 150, vatRateBp: 700 })),
      // A failed vend and a vend elsewhere count for nothing here.
      o.sale(o.m1.id, "2026-10-07T10:00:00Z", { status: "failed", failureReason: "jammed" }),
      o.sale(o.other.id, "2026-10-07T10:00:00Z"),
    ]);
    const [refunded] = await o.insertSales([o.sale(o.m2.id, "2026-10-06T11:00:00Z", { priceMinor: 150, vatRateBp: 700 })]);
    await withTenant(t.db, { orgId: o.org.id }, (tx) =>
      tx.insert(refunds).values([
        // In October: one of October's card vends, and one of August's cash vends (counted when refunded).
        { id: newId("rfd"), orgId: o.org.id, saleId: refunded!.id, amountMinor: 150, currency: "EUR", paymentMethod: "card", reason: "stale", status: "succeeded", origin: "manual", createdAt: new Date("2026-10-20T10:00:00Z") },
        { id: newId("rfd"), orgId: o.org.id, saleId: augustCash!.id, amountMinor: 250, currency: "EUR", paymentMethod: "cash", reason: "late claim", status: "succeeded", origin: "manual", createdAt: new Date("2026-10-21T10:00:00Z") },
      ]),
    );

    // 2 December in Berlin: August to November are closed.
    expect(await o.job("2026-12-02T08:00:00Z")).toBe(4);
    const { statements } = await o.as((ctx) => listStatements(ctx, {}));
    const byMonth = Object.fromEntries(statements.map((s) => [s.month, s]));
    expect(Object.keys(byMonth).sort()).toEqual(["2026-08", "2026-09", "2026-10", "2026-11"]);
    expect(statements.every((s) => s.locationId === o.location.id && s.status === "draft" && s.revision === 0)).toBe(true);

    // August: 15.00 at 10 % = 1.50, raised to the 15.00 minimum.
    expect(byMonth["2026-08"]).toMatchObject({ units: 6, grossMinor: 1500, commissionMinor: 1500, totalMinor: 1500 });
    const august = await o.as((ctx) => getStatement(ctx, { statementId: byMonth["2026-08"]!.id }));
    expect(august.breakdown).toEqual({ percentMinor: 150, perUnitMinor: 0, flatRentMinor: 0, minimumTopUpMinor: 1350, commissionMinor: 1500 });
    expect(august.lines.map((l) => [l.machineName, l.paymentMethod, l.units, l.grossMinor])).toEqual([
      [o.m1.name, "cash", 4, 1000],
      ["Window 2", "card", 2, 500],
    ]);
    // September: 100.00 at 10 % + 50.00 at 15 % = 17.50, above the minimum.
    expect(byMonth["2026-09"]).toMatchObject({ units: 60, grossMinor: 15_000, commissionMinor: 1750 });

    // October, under the new contract. VAT of a 2.50 sale at 19 %: 0.40; of a 1.50 sale at 7 %: 0.10.
    const october = await o.as((ctx) => getStatement(ctx, { statementId: byMonth["2026-10"]!.id }));
    expect(october.contract).toMatchObject({ basis: "net", cashPercentBp: 1200, cashlessPercentBp: 800, effectiveFrom: "2026-10-01" });
    expect(october.lines).toEqual([
      { machineId: o.m1.id, machineName: o.m1.name, paymentMethod: "card", units: 1, grossMinor: 250, refundsMinor: 0, vatMinor: 40, netMinor: 210 },
      // 10 x 2.50, the August sale's 2.50 refunded (its VAT 0.40 back): 25.00 - 2.50 - 3.60
      { machineId: o.m1.id, machineName: o.m1.name, paymentMethod: "cash", units: 10, grossMinor: 2500, refundsMinor: 250, vatMinor: 360, netMinor: 1890 },
      // 21 x 1.50, one refunded: 31.50 - 1.50 - (2.10 - 0.10)
      { machineId: o.m2.id, machineName: "Window 2", paymentMethod: "card", units: 21, grossMinor: 3150, refundsMinor: 150, vatMinor: 200, netMinor: 2800 },
    ]);
    // Cash net 18.90 at 12 % = 2.268; cashless net 30.10 at 8 % = 2.408; 32 units at 0.05 = 1.60; rent 10.00: 16.276 -> 16.28
    expect(october.breakdown).toEqual({ percentMinor: 468, perUnitMinor: 160, flatRentMinor: 1000, minimumTopUpMinor: 0, commissionMinor: 1628 });
    expect(october).toMatchObject({ units: 32, grossMinor: 5900, refundsMinor: 400, vatMinor: 600, netMinor: 4900, totalMinor: 1628 });
    // November had no sales: the rent.
    expect(byMonth["2026-11"]).toMatchObject({ units: 0, commissionMinor: 1000 });

    // A second run finds nothing due, and making a month again by hand changes nothing.
    expect(await o.job("2026-12-02T09:00:00Z")).toBe(0);
    expect(await o.as((ctx) => generateStatements(ctx, { month: "2026-10", now: new Date("2026-12-02T09:00:00Z") }))).toEqual({ month: "2026-10", created: 0, revised: 0, unchanged: 1 });
    expect((await o.as((ctx) => getStatement(ctx, { statementId: byMonth["2026-10"]!.id }))).revision).toBe(0);

    // The contracts' history: the October one is in force, August's ran until September; both were used.
    const contracts = await o.as((ctx) => listContracts(ctx, { locationId: o.location.id }));
    expect(contracts.map((c) => [c.effectiveFrom, c.effectiveUntil, c.inForce, c.statements])).toEqual([
      ["2026-10", null, true, 2],
      ["2026-08", "2026-09", false, 2],
    ]);

    // Commissions for profit: kept statements, and December live from the contract in force.
    await o.insertSales([o.sale(o.m1.id, "2026-12-01T10:00:00Z", { paymentMethod: "cash" })]);
    const commissions = await o.as((ctx) => locationCommissions(ctx, { months: ["2026-09", "2026-12"] }));
    expect(commissions.filter((c) => c.locationId === o.location.id)).toEqual([
      { locationId: o.location.id, month: "2026-09", commissionMinor: 1750, grossMinor: 15_000, currency: "EUR" },
      // 2.50 cash, net 2.10 at 12 % = 0.252, 1 unit 0.05, rent 10.00 -> 10.30
      { locationId: o.location.id, month: "2026-12", commissionMinor: 1030, grossMinor: 250, currency: "EUR" },
    ]);
  });

  it("revises a sent statement when a late sale restates its month, and notes what a paid one still owes", async () => {
    const o = await hostedOrg();
    await o.as((ctx) => saveContract(ctx, { locationId: o.location.id, effectiveFrom: "2026-10", percentBp: 1000, contactEmails: ["host@example.test"] }));
    await o.insertSales([o.sale(o.m1.id, "2026-10-05T10:00:00Z"), o.sale(o.m1.id, "2026-11-05T10:00:00Z", { priceMinor: 1000 })]);
    expect(await o.job("2026-12-02T08:00:00Z")).toBe(2);
    const [october, november] = (await o.as((ctx) => listStatements(ctx, {}))).statements.sort((a, b) => a.month.localeCompare(b.month));
    expect(october).toMatchObject({ month: "2026-10", commissionMinor: 25 });
    expect(november).toMatchObject({ month: "2026-11", commissionMinor: 100 });
    await o.as(async (ctx) => {
      await approveStatement(ctx, { statementId: october!.id });
      await sendStatement(ctx, { statementId: october!.id });
      await approveStatement(ctx, { statementId: november!.id });
      await sendStatement(ctx, { statementId: november!.id });
      await markStatementPaid(ctx, { statementId: november!.id });
    });

    // Two October sales and one November sale reported on 3 December.
    await o.insertSales([o.sale(o.m1.id, "2026-10-20T10:00:00Z"), o.sale(o.m2.id, "2026-10-21T10:00:00Z", { paymentMethod: "cash", priceMinor: 100 })]);
    await o.insertSales([o.sale(o.m1.id, "2026-11-20T10:00:00Z", { priceMinor: 500 })]);
    expect(await o.job("2026-12-03T08:00:00Z")).toBe(2);

    const revisedOctober = await o.as((ctx) => getStatement(ctx, { statementId: october!.id }));
    expect(revisedOctober).toMatchObject({ status: "draft", revision: 1, units: 3, grossMinor: 600, commissionMinor: 60, totalMinor: 60, approvedAt: null });
    expect(revisedOctober.sentAt).not.toBeNull();
    expect(revisedOctober.revisedAt).not.toBeNull();
    expect(revisedOctober.revisionNote).toBe("Revised on 2026-12-03: 2 late sales added +3.50 EUR, commission +0.35 EUR. Revised after it was sent: approve and send it again.");

    const revisedNovember = await o.as((ctx) => getStatement(ctx, { statementId: november!.id }));
    expect(revisedNovember).toMatchObject({ status: "paid", revision: 1, grossMinor: 1500, commissionMinor: 150, totalMinor: 150 });
    expect(revisedNovember.revisionNote).toBe("Revised on 2026-12-03: 1 late sale added +5.00 EUR, commission +0.50 EUR. It was paid: 0.50 EUR more is owed.");

    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.action, "host_statement.revised")));
    expect(audit.map((a) => a.data)).toEqual(
      expect.arrayContaining([expect.objectContaining({ month: "2026-10", from: "sent", to: "draft", revision: 1 }), expect.objectContaining({ month: "2026-11", from: "paid", to: "paid" })]),
    );
    // Nothing more to revise: the next run changes nothing.
    expect(await o.job("2026-12-03T09:00:00Z")).toBe(0);
    const [kept] = await t.db.select({ revision: hostStatements.revision }).from(hostStatements).where(eq(hostStatements.id, october!.id));
    expect(kept!.revision).toBe(1);
  });

  it("recomputes draft statements when their month's contract changes, and keeps approved months' rules", async () => {
    const o = await hostedOrg();
    await o.as((ctx) => saveContract(ctx, { locationId: o.location.id, effectiveFrom: "2026-10", percentBp: 1000, contactEmails: [] }));
    await o.insertSales([o.sale(o.m1.id, "2026-10-05T10:00:00Z", { priceMinor: 1000 }), o.sale(o.m1.id, "2026-11-05T10:00:00Z", { priceMinor: 1000 })]);
    await o.job("2026-12-02T08:00:00Z");
    const { statements } = await o.as((ctx) => listStatements(ctx, { month: "2026-10" }));
    await o.as((ctx) => approveStatement(ctx, { statementId: statements[0]!.id }));

    // A change from October would alter the approved October statement.
    await expect(o.as((ctx) => saveContract(ctx, { locationId: o.location.id, effectiveFrom: "2026-10", percentBp: 2000, contactEmails: [] }))).rejects.toMatchObject({
      code: "hosts.month_locked",
      message: "The statement of 2026-10 is approved; a contract change from 2026-10 would alter it. Start the change in a later month.",
    });
    // From November: the draft November statement follows at once, October keeps its rule.
    await o.as((ctx) => saveContract(ctx, { locationId: o.location.id, effectiveFrom: "2026-11", percentBp: 2000, contactEmails: [] }));
    const after = (await o.as((ctx) => listStatements(ctx, {}))).statements;
    expect(after.find((s) => s.month === "2026-10")).toMatchObject({ status: "approved", commissionMinor: 100, revision: 0 });
    expect(after.find((s) => s.month === "2026-11")).toMatchObject({ status: "draft", commissionMinor: 200, revision: 1 });
    expect(after.find((s) => s.month === "2026-11")!.revisionNote).toMatch(/another contract applies, commission \+1\.00 EUR\.$/);
  });
});
