import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { newId } from "~/db/ids";
import { auditLog, cardFees, hostContracts, refunds, sales, serviceVisits } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { rollUpOrg } from "~/server/analytics";
import { createLocation, registerMachine } from "~/server/fleet";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor } from "~/test/factories";
import { asOwner, createMachineWithPlanogram } from "~/test/machines";
import { saleRow } from "~/test/payments";
import { callError } from "~/test/trpc-errors";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };
const at = (day: string) => new Date(`${day}T10:00:00Z`);
const day = (n: number) => `2026-11-${String(n).padStart(2, "0")}`;

/**
 * A Berlin org in November 2026 (30 days), every sale at 2.50 with 0.90 of cost of goods, visits at
 * 15.00, card fees of 1.5 % + 0.10 per payment:
 * - Main station (1 machine): 40 card sales, 2 visits, no host contract.
 * - Office (1 machine): 20 sales, half card, half cash (12 from 3 to 8 Nov, 8 from 20 to 23 Nov),
 *   a 2.50 refund by hand, 1 visit, a host taking 10 % of gross plus 20.00 of rent a month.
 * - Depot corner (1 machine): no sales, 30.00 of rent a month.
 */
async function novemberOrg() {
  const m = await createMachineWithPlanogram(t.db);
  const orgId = m.org.id;
  const { office, depot, officeMachine, depotMachine } = await asOwner(t.db, orgId, m.owner.id, async (ctx) => {
    const office = await createLocation(ctx, { name: "Office", kind: "office" });
    const depot = await createLocation(ctx, { name: "Depot corner", kind: "other" });
    const { machine: officeMachine } = await registerMachine(ctx, { name: "Office 1", serial: `SN-O-${orgId.slice(-6)}`, model: "V-500", locationId: office.id });
    const { machine: depotMachine } = await registerMachine(ctx, { name: "Depot 1", serial: `SN-D-${orgId.slice(-6)}`, model: "V-500", locationId: depot.id });
    return { office, depot, officeMachine, depotMachine };
  });
  const sell = (machineId: string, locationId: string, d: string, paymentMethod: "card" | "cash" = "card") =>
    saleRow(orgId, machineId, { locationId, occurredAt: at(d), priceMinor: 250, costMinor: 90, paymentMethod });
  const rows = [];
  for (let n = 2; n <= 21; n++) rows.push(sell(m.machine.id, m.location.id, day(n)), sell(m.machine.id, m.location.id, day(n)));
  for (const n of [3, 4, 5, 6, 7, 8, 20, 21, 22, 23]) rows.push(sell(officeMachine.id, office.id, day(n)), sell(officeMachine.id, office.id, day(n), "cash"));
  const inserted = await t.db.insert(sales).values(rows).returning({ id: sales.id, locationId: sales.locationId, paymentMethod: sales.paymentMethod });
  const officeCardSale = inserted.find((s) => s.locationId === office.id && s.paymentMethod === "card")!;
  await t.db.insert(refunds).values({
    id: newId("rfd"),
    orgId,
    saleId: officeCardSale.id,
    origin: "manual",
    amountMinor: 250,
    currency: "EUR",
    paymentMethod: "card",
    reason: "Wrong product",
    status: "succeeded",
    createdAt: at(day(20)),
  });
  const visit = (machineId: string, d: string) => ({ id: newId("vis"), orgId, machineId, source: "technician", occurredAt: at(d), slots: [] });
  await t.db.insert(serviceVisits).values([visit(m.machine.id, day(5)), visit(m.machine.id, day(19)), visit(officeMachine.id, day(10))]);
  const contract = (locationId: string, terms: Partial<typeof hostContracts.$inferInsert>) => ({
    id: newId("hct"),
    orgId,
    locationId,
    effectiveFrom: "2026-11-01",
    basis: "gross" as const,
    currency: "EUR",
    ...terms,
  });
  await t.db.insert(hostContracts).values([contract(office.id, { percentBp: 1000, flatRentMinor: 2000 }), contract(depot.id, { flatRentMinor: 3000 })]);
  await rollUpOrg(t.db, { id: orgId, timeZone: "Europe/Berlin" });
  const api = callerFor(t.db, m.owner);
  await api.plans.updateSettings({ orgId, visitCostMinor: 1500, fillTo: "capacity", selloutThreshold: 0.5 });
  await api.profit.setCardFee({ orgId, paymentMethod: "card", percentBp: 150, fixedMinor: 10 });
  return { ...m, office, depot, officeMachine, depotMachine, api };
}

describe("profit per place", () => {
  it("subtracts cost of goods, refunds, commission, card fees and visits, and names what a losing place does not cover", async () => {
    const o = await novemberOrg();
    const report = await o.api.profit.places({ orgId: o.org.id, ...NOVEMBER });
    expect(report).toMatchObject({ days: 30, currency: "EUR", visitCostMinor: 1500 });
    const byName = Object.fromEntries(report.places.map((p) => [p.name, p]));
    // Card fees: 1.5 % of 100.00 = 1.50, plus 40 payments x 0.10 = 4.00.
    expect(byName["Main station"]).toMatchObject({
      machines: 1,
      machineDays: 30,
      revenueMinor: 10_000,
      cogsMinor: 3_600,
      marginMinor: 6_400,
      refundsMinor: 0,
      commissionMinor: 0,
      cardFeesMinor: 550,
      visits: 2,
      visitCostMinor: 3_000,
      profitMinor: 2_850,
      profitPerMachineDay: 95,
      standing: "good",
    });
    // Card fees on the 10 card payments only: 1.5 % of 25.00 = 0.375 plus 1.00, 1.375 rounded half up.
    // Commission: 10 % of 50.00 plus 20.00 of rent.
    expect(byName.Office).toMatchObject({
      revenueMinor: 5_000,
      cogsMinor: 1_800,
      marginMinor: 3_200,
      refundsMinor: 250,
      commissionMinor: 2_500,
      cardFeesMinor: 138,
      visits: 1,
      visitCostMinor: 1_500,
      profitMinor: 3_200 - 250 - 2_500 - 138 - 1_500,
      profitPerMachineDay: -40,
      standing: "candidate",
    });
    expect(byName.Office!.reasons).toEqual([
      "Commission and visits exceed margin: €25.00 and €15.00 against a margin of €32.00.",
      "Loses €11.88 (€0.40 per machine-day).",
    ]);
    expect(byName["Depot corner"]).toMatchObject({ revenueMinor: 0, commissionMinor: 3_000, profitMinor: -3_000, standing: "candidate", reasons: ["No sales, while it costs €30.00.", "Loses €30.00 (€1.00 per machine-day)."] });
    expect(report.totals).toMatchObject({ revenueMinor: 15_000, commissionMinor: 5_500, cardFeesMinor: 688, visits: 3, profitMinor: 2_850 - 1_188 - 3_000 });
  });

  it("spreads a month's commission over its machine-days by their sales, and rent without sales evenly", async () => {
    const o = await novemberOrg();
    const first = await o.api.profit.places({ orgId: o.org.id, from: "2026-11-01", to: "2026-11-15" });
    const second = await o.api.profit.places({ orgId: o.org.id, from: "2026-11-16", to: "2026-11-30" });
    const commission = (r: typeof first, name: string) => r.places.find((p) => p.name === name)!.commissionMinor;
    // The office sold 30.00 in the first half and 20.00 in the second: 25.00 splits 15.00 / 10.00.
    expect([commission(first, "Office"), commission(second, "Office")]).toEqual([1_500, 1_000]);
    // The depot sold nothing: its 30.00 of rent falls evenly on its 30 machine-days.
    expect([commission(first, "Depot corner"), commission(second, "Depot corner")]).toEqual([1_500, 1_500]);
    // A period across two months takes each month's part. 24 to 30 Nov hold none of the office's
    // November sales; December has no sales yet, so its rent falls evenly on its 31 days:
    // office 20.00 x 7/31 = 4.516..., depot 30.00 x 7/30 + 30.00 x 7/31 = 7.00 + 6.774...
    const across = await o.api.profit.places({ orgId: o.org.id, from: "2026-11-24", to: "2026-12-07" });
    expect(commission(across, "Office")).toBe(452);
    expect(commission(across, "Depot corner")).toBe(1_377);
  });

  it("lists the payment methods the org takes and keeps each org's fees and profit to itself", async () => {
    const o = await novemberOrg();
    const other = await createMachineWithPlanogram(t.db);
    const otherApi = callerFor(t.db, other.owner);
    await otherApi.profit.setCardFee({ orgId: other.org.id, paymentMethod: "card", percentBp: 900, fixedMinor: 50 });
    await otherApi.profit.setCardFee({ orgId: other.org.id, paymentMethod: "alipay", percentBp: 100, fixedMinor: 0 });

    const fees = await o.api.profit.cardFees({ orgId: o.org.id });
    expect(fees.currency).toBe("EUR");
    expect(fees.methods.map((m) => [m.paymentMethod, m.used, m.percentBp, m.fixedMinor])).toEqual([
      ["cash", true, null, null],
      ["card", true, 150, 10],
    ]);
    const theirs = await otherApi.profit.cardFees({ orgId: other.org.id });
    expect(theirs.methods.map((m) => [m.paymentMethod, m.used, m.percentBp])).toEqual([
      ["card", false, 900],
      ["alipay", false, 100],
    ]);

    // The other org's 9 % fee does not touch this org's profit, and its places are not listed.
    const report = await o.api.profit.places({ orgId: o.org.id, ...NOVEMBER });
    expect(report.places.find((p) => p.name === "Main station")!.cardFeesMinor).toBe(550);
    const theirReport = await otherApi.profit.places({ orgId: other.org.id, ...NOVEMBER });
    expect(theirReport.places.map((p) => p.locationId)).toEqual([other.location.id]);
    expect(theirReport.totals.revenueMinor).toBe(0);

    // Through the procedures, with this org's id: the org is not theirs to know.
    expect(await callError(otherApi.profit.places({ orgId: o.org.id, ...NOVEMBER }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await callError(otherApi.profit.setCardFee({ orgId: o.org.id, paymentMethod: "card", percentBp: 0, fixedMinor: 0 }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await o.api.profit.cardFees({ orgId: o.org.id })).methods.find((m) => m.paymentMethod === "card")!.percentBp).toBe(150);
    // And in the database: the tenant transaction sees only its own org's fees, even unfiltered.
    const visible = await withTenant(t.db, { orgId: o.org.id }, (tx) => tx.select({ orgId: cardFees.orgId, method: cardFees.paymentMethod }).from(cardFees));
    expect(visible).toEqual([{ orgId: o.org.id, method: "card" }]);
  });

  it("refuses bad fees with a clear message per field, records changes and lets only admins change them", async () => {
    const o = await novemberOrg();
    const orgId = o.org.id;
    const fee = (input: Record<string, unknown>) => callError(o.api.profit.setCardFee({ orgId, paymentMethod: "card", percentBp: 150, fixedMinor: 10, ...input } as never));
    expect(await fee({ percentBp: 2_500 })).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { percentBp: ["Use at most 20 %."] } });
    expect(await fee({ percentBp: 1.5 })).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { percentBp: ["Use whole basis points (2.9 % is 290)."] } });
    expect(await fee({ fixedMinor: -1 })).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { fixedMinor: ["A fee cannot be negative."] } });
    expect(await fee({ fixedMinor: "10" })).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { fixedMinor: ["Enter the fixed fee per payment (0 for none)."] } });
    expect(await fee({ paymentMethod: "bitcoin" })).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { paymentMethod: ["Choose a payment method: cash, card, alipay, wechat_pay, online, free."] },
    });
    expect(await callError(o.api.profit.removeCardFee({ orgId, paymentMethod: "alipay" }))).toMatchObject({ code: "NOT_FOUND", message: "No fee is set for alipay." });
    expect(await callError(o.api.profit.places({ orgId, from: "2020-01-01", to: "2026-11-30" }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { from: ["Choose a period of at most three years."] },
    });

    const viewer = await addMember(t.db, orgId, "viewer");
    expect((await callerFor(t.db, viewer).profit.cardFees({ orgId })).methods).toHaveLength(2);
    expect(await callError(callerFor(t.db, viewer).profit.setCardFee({ orgId, paymentMethod: "card", percentBp: 0, fixedMinor: 0 }))).toMatchObject({ code: "FORBIDDEN" });

    await o.api.profit.setCardFee({ orgId, paymentMethod: "card", percentBp: 290, fixedMinor: 25 });
    const removed = await o.api.profit.removeCardFee({ orgId, paymentMethod: "card" });
    expect(removed.methods.find((m) => m.paymentMethod === "card")).toMatchObject({ percentBp: null, fixedMinor: null, used: true });
    const entries = await t.db
      .select({ action: auditLog.action, data: auditLog.data })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId)))
      .then((rows) => rows.filter((r) => r.action.startsWith("card_fee.")));
    expect(entries.map((e) => e.action).sort()).toEqual(["card_fee.removed", "card_fee.set", "card_fee.set"]);
    expect(entries.find((e) => (e.data as { to?: { percentBp: number } }).to?.percentBp === 290)?.data).toMatchObject({
      paymentMethod: "card",
      from: { percentBp: 150, fixedMinor: 10 },
      to: { percentBp: 290, fixedMinor: 25, currency: "EUR" },
    });
  });
});
