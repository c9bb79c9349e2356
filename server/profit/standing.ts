// Which places earn their keep, and why, in words. Pure, so the rules are tested alone.
import "server-only";
import { formatMoney } from "~/server/money";
import type { PlaceProfit, PlaceStanding, ProfitCost } from "./contract";

const costWords: Record<ProfitCost, { name: string; plural: boolean }> = {
  refunds: { name: "refunds", plural: true },
  commission: { name: "commission", plural: false },
  cardFees: { name: "card fees", plural: true },
  visits: { name: "visits", plural: true },
};

type Figures = Omit<PlaceProfit, "standing" | "reasons">;

const costOf = (p: Figures): Record<ProfitCost, number> => ({
  refunds: p.refundsMinor,
  commission: p.commissionMinor,
  cardFees: p.cardFeesMinor,
  visits: p.visitCostMinor,
});

const list = (words: string[]) => (words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The fewest costs, largest first, that together take more than the margin: what turns the place
 * into a loss. Empty when the margin itself is not positive.
 */
export function costsExceedingMargin(p: Figures): ProfitCost[] {
  if (p.marginMinor <= 0) return [];
  const costs = Object.entries(costOf(p)) as [ProfitCost, number][];
  costs.sort((a, b) => b[1] - a[1]);
  const picked: ProfitCost[] = [];
  let sum = 0;
  for (const [cost, minor] of costs) {
    if (minor <= 0) break;
    picked.push(cost);
    sum += minor;
    if (sum > p.marginMinor) return picked;
  }
  return picked;
}

/** Why a place loses money, e.g. "Commission and visits exceed margin: …". */
export function lossReason(p: Figures, currency: string): string {
  const money = (minor: number) => formatMoney(minor, currency);
  if (p.marginMinor <= 0) {
    return p.revenueMinor > 0
      ? `Cost of goods (${money(p.cogsMinor)}) exceeds revenue (${money(p.revenueMinor)}).`
      : `No sales, while it costs ${money(-p.profitMinor)}.`;
  }
  const costs = costsExceedingMargin(p);
  const amounts = costOf(p);
  const verb = costs.length > 1 || costWords[costs[0]!].plural ? "exceed" : "exceeds";
  return `${capital(list(costs.map((c) => costWords[c].name)))} ${verb} margin: ${list(costs.map((c) => money(amounts[c])))} against a margin of ${money(p.marginMinor)}.`;
}

/**
 * Where a place stands: a candidate to give up when it loses money, good when it earns at least
 * the median place's profit per machine-day, fair otherwise; with the reasons in words.
 */
export function standingOf(p: Figures, medianPerMachineDay: number | null, currency: string): { standing: PlaceStanding; reasons: string[] } {
  const money = (minor: number) => formatMoney(Math.round(minor), currency);
  const perDay = p.profitPerMachineDay;
  if (p.profitMinor < 0) {
    const loss = `Loses ${money(-p.profitMinor)}${perDay === null ? "" : ` (${money(-perDay)} per machine-day)`}.`;
    return { standing: "candidate", reasons: [lossReason(p, currency), loss] };
  }
  if (perDay === null) return { standing: "fair", reasons: p.profitMinor > 0 ? [`Earns ${money(p.profitMinor)} with no machine there now.`] : [] };
  if (p.profitMinor > 0 && medianPerMachineDay !== null && perDay >= medianPerMachineDay) {
    const against = medianPerMachineDay > 0 ? `, ${(perDay / medianPerMachineDay).toFixed(1)}× the median place` : "";
    return { standing: "good", reasons: [`Earns ${money(perDay)} per machine-day${against}.`] };
  }
  const below = medianPerMachineDay !== null ? `, under the median place's ${money(medianPerMachineDay)}` : "";
  return { standing: "fair", reasons: [`Earns ${money(perDay)} per machine-day${below}.`] };
}
