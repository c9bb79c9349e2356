import { useLocale, useTranslations } from "next-intl";
import { intlLocale, type Locale } from "~/server/i18n/locales";
import { minorPerUnit } from "~/server/money";

/** A host contract's rule, as the contracts list and a statement's snapshot both carry it. */
export interface ContractRule {
  basis: "gross" | "net";
  percentBp?: number | null;
  cashPercentBp?: number | null;
  cashlessPercentBp?: number | null;
  tiers?: readonly { fromMinor: number; percentBp: number }[] | null;
  perUnitMinor?: number | null;
  flatRentMinor?: number | null;
  minimumGuaranteeMinor?: number | null;
  currency: string;
}

/** The messages a contract is written with, and the language its numbers are written in. */
export interface ContractWords {
  t: ReturnType<typeof useTranslations<"hosts.contract">>;
  locale: Locale;
}

/** "15 %" from 1500 basis points, "12.5 %" from 1250. */
export function percentInWords(bp: number, { t, locale }: ContractWords): string {
  return t("percent", { value: new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(bp / 100) });
}

/** "€500" for a whole amount, "€1.50" otherwise: the way a contract is written. */
export function amountInWords(minor: number, currency: string, locale: Locale): string {
  const whole = minor % minorPerUnit(currency) === 0;
  return new Intl.NumberFormat(intlLocale(locale), {
    style: "currency",
    currency,
    ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
  }).format(minor / minorPerUnit(currency));
}

/**
 * The rule in a sentence an operator and a host both read the same way, e.g. "15 % of net sales;
 * cash 10 %, cashless 12 %; €1.00 per unit; rent €50/month; at least €80/month".
 */
export function contractInWords(rule: ContractRule, words: ContractWords): string {
  const { t, locale } = words;
  const money = (minor: number) => amountInWords(minor, rule.currency, locale);
  const percent = (bp: number) => percentInWords(bp, words);
  const parts: string[] = [];
  const basis = t(`basis.${rule.basis}`);
  const tiers = rule.tiers ?? [];
  if (tiers.length > 0) {
    const brackets = tiers.map((tier, i) => {
      const next = tiers[i + 1];
      if (!next) return i === 0 ? t("tierAll", { percent: percent(tier.percentBp) }) : t("tierAbove", { from: money(tier.fromMinor), percent: percent(tier.percentBp) });
      return t("tierBracket", { from: money(tier.fromMinor), to: money(next.fromMinor), percent: percent(tier.percentBp) });
    });
    parts.push(t("tiers", { basis, brackets: brackets.join(t("listSeparator")) }));
  } else if (rule.percentBp != null) {
    parts.push(t("percentOf", { percent: percent(rule.percentBp), basis }));
  }
  const sides = [
    rule.cashPercentBp != null ? t("cash", { percent: percent(rule.cashPercentBp) }) : null,
    rule.cashlessPercentBp != null ? t("cashless", { percent: percent(rule.cashlessPercentBp) }) : null,
  ].filter((s) => s !== null);
  if (sides.length > 0) {
    const joined = sides.join(t("listSeparator"));
    parts.push(tiers.length === 0 && rule.percentBp == null ? t("sidesOf", { sides: joined, basis }) : joined);
  }
  if (rule.perUnitMinor) parts.push(t("perUnit", { amount: money(rule.perUnitMinor) }));
  if (rule.flatRentMinor) parts.push(t("rent", { amount: money(rule.flatRentMinor) }));
  if (rule.minimumGuaranteeMinor) parts.push(t("minimum", { amount: money(rule.minimumGuaranteeMinor) }));
  if (parts.length === 0) return t("none");
  const sentence = parts.join(t("partSeparator"));
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The words of contracts in the page's language, for client components and non-async server components. */
export function useContractWords(): ContractWords {
  return { t: useTranslations("hosts.contract"), locale: useLocale() };
}
