// The commission of a month from a contract's rule and the month's sales: no database, no clock.
import "server-only";
import type { HostCommissionBreakdown, HostCommissionTier, HostContractRule, HostStatementLine } from "~/db/schema";
import { CASH_METHODS, UNSOLD_METHODS } from "./contract";

/** The rule's parts the computation needs (a snapshot or a contract row both have them). */
export type CommissionRule = Pick<
  HostContractRule,
  "basis" | "percentBp" | "cashPercentBp" | "cashlessPercentBp" | "tiers" | "perUnitMinor" | "flatRentMinor" | "minimumGuaranteeMinor"
>;

export interface SideTotals {
  units: number;
  grossMinor: number;
  refundsMinor: number;
  vatMinor: number;
  netMinor: number;
}

const emptySide = (): SideTotals => ({ units: 0, grossMinor: 0, refundsMinor: 0, vatMinor: 0, netMinor: 0 });

/** The month's lines summed per payment side: cash (coins and notes) and cashless (everything else). */
export function sidesOf(lines: readonly HostStatementLine[]): { cash: SideTotals; cashless: SideTotals; soldUnits: number } {
  const cash = emptySide();
  const cashless = emptySide();
  let soldUnits = 0;
  for (const line of lines) {
    const side = CASH_METHODS.includes(line.paymentMethod) ? cash : cashless;
    side.units += line.units;
    side.grossMinor += line.grossMinor;
    side.refundsMinor += line.refundsMinor;
    side.vatMinor += line.vatMinor;
    side.netMinor += line.netMinor;
    if (!UNSOLD_METHODS.includes(line.paymentMethod)) soldUnits += line.units;
  }
  return { cash, cashless, soldUnits };
}

/** Scale of the exact intermediate amounts: minor units times 10 000 (a rate in basis points applied). */
const SCALE = 10_000;

/** Half-up to whole minor units, once, from an amount in 1/10 000 minor units. */
function roundScaled(scaled: number): number {
  return scaled >= 0 ? Math.floor((scaled + SCALE / 2) / SCALE) : -Math.floor((-scaled + SCALE / 2) / SCALE);
}

/** Marginal brackets: each tier's rate applies to the part of `basisMinor` inside it (scaled, exact). */
export function tieredScaled(basisMinor: number, tiers: readonly HostCommissionTier[]): number {
  let total = 0;
  for (let i = 0; i < tiers.length; i++) {
    const from = tiers[i]!.fromMinor;
    const to = i + 1 < tiers.length ? tiers[i + 1]!.fromMinor : Number.POSITIVE_INFINITY;
    if (basisMinor <= from) break;
    total += (Math.min(basisMinor, to) - from) * tiers[i]!.percentBp;
  }
  return total;
}

/**
 * The commission of one month:
 * - the percentage part is taken on gross or net sales (net = gross − refunds − VAT). A payment
 *   side (cash, cashless) with its own rate is charged at that rate; the sales of the other side(s)
 *   are charged together at the tiers (marginal brackets) or the single rate. A side whose basis is
 *   below zero (refunds of earlier months' sales above this month's sales) counts as zero;
 * - plus the amount per unit sold (free vends are not sold), plus the flat rent;
 * - then raised to the minimum guarantee, and rounded half-up to minor units once.
 */
export function computeCommission(rule: CommissionRule, lines: readonly HostStatementLine[]): HostCommissionBreakdown {
  const { cash, cashless, soldUnits } = sidesOf(lines);
  const basisOf = (side: SideTotals) => Math.max(0, rule.basis === "net" ? side.netMinor : side.grossMinor);
  let percent = 0;
  let pooled = 0;
  for (const [side, rate] of [
    [cash, rule.cashPercentBp],
    [cashless, rule.cashlessPercentBp],
  ] as const) {
    if (rate != null) percent += basisOf(side) * rate;
    else pooled += basisOf(side);
  }
  if (rule.tiers && rule.tiers.length > 0) percent += tieredScaled(pooled, rule.tiers);
  else if (rule.percentBp != null) percent += pooled * rule.percentBp;

  const perUnit = soldUnits * (rule.perUnitMinor ?? 0) * SCALE;
  const rent = (rule.flatRentMinor ?? 0) * SCALE;
  const parts = percent + perUnit + rent;
  const minimum = (rule.minimumGuaranteeMinor ?? 0) * SCALE;
  const commissionMinor = roundScaled(Math.max(parts, minimum));
  return {
    percentMinor: roundScaled(percent),
    perUnitMinor: roundScaled(perUnit),
    flatRentMinor: roundScaled(rent),
    minimumTopUpMinor: Math.max(0, commissionMinor - roundScaled(parts)),
    commissionMinor,
  };
}

/** A month's sums over its lines. */
export function totalsOf(lines: readonly HostStatementLine[]): SideTotals {
  const { cash, cashless } = sidesOf(lines);
  return {
    units: cash.units + cashless.units,
    grossMinor: cash.grossMinor + cashless.grossMinor,
    refundsMinor: cash.refundsMinor + cashless.refundsMinor,
    vatMinor: cash.vatMinor + cashless.vatMinor,
    netMinor: cash.netMinor + cashless.netMinor,
  };
}
