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

const LOCALE = "en-GB";
const percentFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

/** "15 %" from 1500 basis points, "12.5 %" from 1250. */
export function percentInWords(bp: number): string {
  return `${percentFormat.format(bp / 100)} %`;
}

/** "€500" for a whole amount, "€1.50" otherwise: the way a contract is written. */
export function amountInWords(minor: number, currency: string): string {
  const whole = minor % minorPerUnit(currency) === 0;
  return new Intl.NumberFormat(LOCALE, {
    style: "currency",
    currency,
    ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
  }).format(minor / minorPerUnit(currency));
}

const basisWords = { gross: "gross sales", net: "net sales" } as const;

/**
 * The rule in a sentence an operator and a host both read the same way, e.g. "15 % of net sales;
 * cash 10 %, cashless 12 %; €1.00 per unit; rent €50/month; at least €80/month".
 */
export function contractInWords(rule: ContractRule): string {
  const money = (minor: number) => amountInWords(minor, rule.currency);
  const parts: string[] = [];
  const basis = basisWords[rule.basis];
  const tiers = rule.tiers ?? [];
  if (tiers.length > 0) {
    const brackets = tiers.map((t, i) => {
      const next = tiers[i + 1];
      if (!next) return i === 0 ? `${percentInWords(t.percentBp)} of all` : `above ${money(t.fromMinor)} ${percentInWords(t.percentBp)}`;
      return `${money(t.fromMinor)}–${money(next.fromMinor)} ${percentInWords(t.percentBp)}`;
    });
    parts.push(`tiers on monthly ${basis}: ${brackets.join(", ")}`);
  } else if (rule.percentBp != null) {
    parts.push(`${percentInWords(rule.percentBp)} of ${basis}`);
  }
  const sides = [
    rule.cashPercentBp != null ? `cash ${percentInWords(rule.cashPercentBp)}` : null,
    rule.cashlessPercentBp != null ? `cashless ${percentInWords(rule.cashlessPercentBp)}` : null,
  ].filter((s) => s !== null);
  if (sides.length > 0) parts.push(tiers.length === 0 && rule.percentBp == null ? `${sides.join(", ")} of ${basis}` : sides.join(", "));
  if (rule.perUnitMinor) parts.push(`${money(rule.perUnitMinor)} per unit`);
  if (rule.flatRentMinor) parts.push(`rent ${money(rule.flatRentMinor)}/month`);
  if (rule.minimumGuaranteeMinor) parts.push(`at least ${money(rule.minimumGuaranteeMinor)}/month`);
  if (parts.length === 0) return "No commission";
  const sentence = parts.join("; ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
