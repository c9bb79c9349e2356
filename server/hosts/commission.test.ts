import { describe, expect, it } from "vitest";
import type { HostStatementLine } from "~/db/schema";
import { vatOfGross } from "~/server/tenancy/contract";
import { computeCommission, sidesOf, tieredScaled, type CommissionRule } from "./commission";

const rule = (r: Partial<CommissionRule>): CommissionRule => ({
  basis: "gross",
  percentBp: null,
  cashPercentBp: null,
  cashlessPercentBp: null,
  tiers: null,
  perUnitMinor: null,
  flatRentMinor: null,
  minimumGuaranteeMinor: null,
  ...r,
});

const line = (paymentMethod: string, units: number, grossMinor: number, extra: Partial<HostStatementLine> = {}): HostStatementLine => {
  const refundsMinor = extra.refundsMinor ?? 0;
  const vatMinor = extra.vatMinor ?? 0;
  return { machineId: "m1", machineName: "M1", paymentMethod, units, grossMinor, refundsMinor, vatMinor, netMinor: grossMinor - refundsMinor - vatMinor, ...extra };
};

// A month: 40 cash vends for 100.00, 60 card vends for 200.00, 5 free vends.
const month = [line("cash", 40, 10_000), line("card", 50, 15_000), line("wechat_pay", 10, 5_000), line("free", 5, 0)];

describe("a month's commission", () => {
  it("sums the month per payment side, free vends not sold", () => {
    const { cash, cashless, soldUnits } = sidesOf(month);
    expect(cash).toMatchObject({ units: 40, grossMinor: 10_000 });
    expect(cashless).toMatchObject({ units: 65, grossMinor: 20_000 });
    expect(soldUnits).toBe(100);
  });

  it("takes a single rate on gross sales", () => {
    // 15 % of 300.00
    expect(computeCommission(rule({ percentBp: 1500 }), month)).toEqual({ percentMinor: 4500, perUnitMinor: 0, flatRentMinor: 0, minimumTopUpMinor: 0, commissionMinor: 4500 });
  });

  it("applies tiers marginally, each bracket's rate to the part inside it", () => {
    const tiers = [
      { fromMinor: 0, percentBp: 1000 },
      { fromMinor: 20_000, percentBp: 1500 },
      { fromMinor: 50_000, percentBp: 2000 },
    ];
    // 600.00: 200.00 at 10 % + 300.00 at 15 % + 100.00 at 20 % = 20.00 + 45.00 + 20.00
    expect(computeCommission(rule({ tiers }), [line("card", 100, 60_000)]).commissionMinor).toBe(8500);
    // 300.00: 200.00 at 10 % + 100.00 at 15 %
    expect(computeCommission(rule({ tiers }), month).commissionMinor).toBe(3500);
    // Below the first bracket's end: all at 10 %.
    expect(tieredScaled(15_000, tiers)).toBe(15_000 * 1000);
    expect(computeCommission(rule({ tiers }), []).commissionMinor).toBe(0);
  });

  it("charges cash and cashless at their own rates", () => {
    // cash 100.00 at 12 % + cashless 200.00 at 8 %
    expect(computeCommission(rule({ cashPercentBp: 1200, cashlessPercentBp: 800 }), month).commissionMinor).toBe(1200 + 1600);
    // Only cash has its own rate: cashless at the single rate, 10 %.
    expect(computeCommission(rule({ cashPercentBp: 1200, percentBp: 1000 }), month).commissionMinor).toBe(1200 + 2000);
    // Only cashless has its own rate and no other rate: cash earns nothing.
    expect(computeCommission(rule({ cashlessPercentBp: 500 }), month).commissionMinor).toBe(1000);
    // Cash at its own rate, cashless through the tiers: 200.00 at 10 % up to 150.00 and 20 % above.
    const tiers = [
      { fromMinor: 0, percentBp: 1000 },
      { fromMinor: 15_000, percentBp: 2000 },
    ];
    expect(computeCommission(rule({ cashPercentBp: 1200, tiers }), month).commissionMinor).toBe(1200 + 1500 + 1000);
  });

  it("adds an amount per unit sold and a flat rent", () => {
    // 100 units sold (free vends are not) at 0.25
    expect(computeCommission(rule({ perUnitMinor: 25 }), month)).toMatchObject({ perUnitMinor: 2500, commissionMinor: 2500 });
    // 50.00 rent + 10 % of 300.00
    expect(computeCommission(rule({ flatRentMinor: 5000, percentBp: 1000 }), month)).toMatchObject({ percentMinor: 3000, flatRentMinor: 5000, commissionMinor: 8000 });
    // Rent alone is due in a month without sales.
    expect(computeCommission(rule({ flatRentMinor: 5000 }), []).commissionMinor).toBe(5000);
  });

  it("raises the month to the minimum guarantee", () => {
    // 10 % of 300.00 = 30.00, raised to 50.00
    expect(computeCommission(rule({ percentBp: 1000, minimumGuaranteeMinor: 5000 }), month)).toEqual({
      percentMinor: 3000,
      perUnitMinor: 0,
      flatRentMinor: 0,
      minimumTopUpMinor: 2000,
      commissionMinor: 5000,
    });
    // 10 % of 600.00 = 60.00 is above it
    expect(computeCommission(rule({ percentBp: 1000, minimumGuaranteeMinor: 5000 }), [line("card", 10, 60_000)])).toMatchObject({ minimumTopUpMinor: 0, commissionMinor: 6000 });
    // The minimum counts rent and units too: 20.00 rent + 30 units at 0.50 = 35.00 -> 40.00
    expect(computeCommission(rule({ flatRentMinor: 2000, perUnitMinor: 50, minimumGuaranteeMinor: 4000 }), [line("cash", 30, 3000)])).toMatchObject({
      minimumTopUpMinor: 500,
      commissionMinor: 4000,
    });
  });

  it("takes net sales after refunds and VAT", () => {
    // 119.00 sold at 19 % VAT, 11.90 refunded: VAT 19.00 - 1.90 = 17.10; net = 119.00 - 11.90 - 17.10 = 90.00
    const vat = vatOfGross(11_900, 1900) - vatOfGross(1190, 1900);
    expect(vat).toBe(1710);
    const lines = [line("card", 10, 11_900, { refundsMinor: 1190, vatMinor: vat })];
    expect(lines[0]!.netMinor).toBe(9000);
    expect(computeCommission(rule({ basis: "net", percentBp: 1000 }), lines).commissionMinor).toBe(900);
    expect(computeCommission(rule({ basis: "gross", percentBp: 1000 }), lines).commissionMinor).toBe(1190);
  });

  it("counts a side whose refunds exceed its sales as zero", () => {
    const lines = [line("cash", 0, 0, { refundsMinor: 500 }), line("card", 10, 10_000)];
    expect(computeCommission(rule({ basis: "net", percentBp: 1000 }), lines).commissionMinor).toBe(1000);
    expect(computeCommission(rule({ basis: "net", cashPercentBp: 1000, cashlessPercentBp: 1000 }), lines).commissionMinor).toBe(1000);
  });

  it("rounds half-up once per statement, not per part", () => {
    // 0.10 cash and 0.10 card at 5 % are 0.005 each: 0.01 together, not 0.00 nor 0.02
    expect(computeCommission(rule({ cashPercentBp: 500, cashlessPercentBp: 500 }), [line("cash", 1, 10), line("card", 1, 10)]).commissionMinor).toBe(1);
    // 3.33 at 15.5 % = 0.51615 -> 0.52
    expect(computeCommission(rule({ percentBp: 1550 }), [line("card", 1, 333)]).commissionMinor).toBe(52);
    // 0.10 at 5 % = 0.005 -> 0.01
    expect(computeCommission(rule({ percentBp: 500 }), [line("card", 1, 10)]).commissionMinor).toBe(1);
  });
});
