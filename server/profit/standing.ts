// Which places earn their keep, and why, in words. Pure, so the rules are tested alone.
import "server-only";
import { defineMessages, renderMessage, type Message, type MessageParams } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { formatMoney } from "~/server/money";
import type { PlaceProfit, PlaceStanding, ProfitCost } from "./contract";

export const standingMessages = defineMessages("place_standing", {
  cogs_exceed_revenue: "Cost of goods ({cogs}) exceeds revenue ({revenue}).",
  no_sales: "No sales, while it costs {cost}.",
  cost_exceeds_margin: "{costs} exceeds margin: {amounts} against a margin of {margin}.",
  costs_exceed_margin: "{costs} exceed margin: {amounts} against a margin of {margin}.",
  loses: "Loses {loss}.",
  loses_per_machine_day: "Loses {loss} ({perDay} per machine-day).",
  earns_without_machines: "Earns {profit} with no machine there now.",
  earns_per_machine_day: "Earns {perDay} per machine-day.",
  earns_times_median: "Earns {perDay} per machine-day, {times}× the median place.",
  earns_under_median: "Earns {perDay} per machine-day, under the median place's {median}.",
  cost_refunds: "refunds",
  cost_commission: "commission",
  cost_card_fees: "card fees",
  cost_visits: "visits",
});

const costWords: Record<ProfitCost, { name: Message; plural: boolean }> = {
  refunds: { name: standingMessages.cost_refunds, plural: true },
  commission: { name: standingMessages.cost_commission, plural: false },
  cardFees: { name: standingMessages.cost_card_fees, plural: true },
  visits: { name: standingMessages.cost_visits, plural: true },
};

type Figures = Omit<PlaceProfit, "standing" | "reasons">;

const costOf = (p: Figures): Record<ProfitCost, number> => ({
  refunds: p.refundsMinor,
  commission: p.commissionMinor,
  cardFees: p.cardFeesMinor,
  visits: p.visitCostMinor,
});

/** "a, b and c" in English, "a、b和c" in Chinese. */
const list = (words: string[], locale?: Locale) => {
  if (words.length <= 1) return words.join("");
  return locale === "zh-CN" ? `${words.slice(0, -1).join("、")}和${words.at(-1)}` : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
};
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

/** Why a place loses money, e.g. "Commission and visits exceed margin: …", in `locale` (English when left out). */
export function lossReason(p: Figures, currency: string, locale?: Locale): string {
  const money = (minor: number) => formatMoney(minor, currency, { locale });
  const say = (message: Message, params: MessageParams) => renderMessage(message, params, locale);
  if (p.marginMinor <= 0) {
    return p.revenueMinor > 0
      ? say(standingMessages.cogs_exceed_revenue, { cogs: money(p.cogsMinor), revenue: money(p.revenueMinor) })
      : say(standingMessages.no_sales, { cost: money(-p.profitMinor) });
  }
  const costs = costsExceedingMargin(p);
  const amounts = costOf(p);
  const message = costs.length > 1 || costWords[costs[0]!].plural ? standingMessages.costs_exceed_margin : standingMessages.cost_exceeds_margin;
  return say(message, {
    costs: capital(list(costs.map((c) => renderMessage(costWords[c].name, {}, locale)), locale)),
    amounts: list(costs.map((c) => money(amounts[c])), locale),
    margin: money(p.marginMinor),
  });
}

/**
 * Where a place stands: a candidate to give up when it loses money, good when it earns at least
 * the median place's profit per machine-day, fair otherwise; with the reasons in words.
 */
export function standingOf(p: Figures, medianPerMachineDay: number | null, currency: string, locale?: Locale): { standing: PlaceStanding; reasons: string[] } {
  const money = (minor: number) => formatMoney(Math.round(minor), currency, { locale });
  const say = (message: Message, params: MessageParams) => renderMessage(message, params, locale);
  const m = standingMessages;
  const perDay = p.profitPerMachineDay;
  if (p.profitMinor < 0) {
    const loss = perDay === null ? say(m.loses, { loss: money(-p.profitMinor) }) : say(m.loses_per_machine_day, { loss: money(-p.profitMinor), perDay: money(-perDay) });
    return { standing: "candidate", reasons: [lossReason(p, currency, locale), loss] };
  }
  if (perDay === null) return { standing: "fair", reasons: p.profitMinor > 0 ? [say(m.earns_without_machines, { profit: money(p.profitMinor) })] : [] };
  if (p.profitMinor > 0 && medianPerMachineDay !== null && perDay >= medianPerMachineDay) {
    const reason =
      medianPerMachineDay > 0
        ? say(m.earns_times_median, { perDay: money(perDay), times: (perDay / medianPerMachineDay).toFixed(1) })
        : say(m.earns_per_machine_day, { perDay: money(perDay) });
    return { standing: "good", reasons: [reason] };
  }
  const reason =
    medianPerMachineDay !== null ? say(m.earns_under_median, { perDay: money(perDay), median: money(medianPerMachineDay) }) : say(m.earns_per_machine_day, { perDay: money(perDay) });
  return { standing: "fair", reasons: [reason] };
}
