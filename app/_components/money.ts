// Money is integer minor units plus an ISO 4217 currency; these turn it into text and back, in one
// fixed locale so the server and the browser render the same.
const LOCALE = "en-GB";

const formats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${currency}|${compact}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
      ...(compact ? { notation: "compact", maximumFractionDigits: 1 } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

/** How many digits the currency has after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD. */
export function fractionDigitsOf(currency: string): number {
  return moneyFormat(currency, false).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "€2.50" from 250 and "EUR"; `compact` gives "€12.3K" for chart axes. */
export function formatMoney(minor: number, currency: string, options: { compact?: boolean } = {}): string {
  return moneyFormat(currency, Boolean(options.compact)).format(minor / 10 ** fractionDigitsOf(currency));
}

/** The amount as a person types it ("2.50"), for a form's initial value. */
export function toMajorText(minor: number, currency: string): string {
  const digits = fractionDigitsOf(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/**
 * Minor units from what a person typed ("2.50", "2,5", "3"): `null` when empty, `NaN` when it is
 * not an amount in this currency. Works on the digits, so 0.1 + 0.2 never happens.
 */
export function parseMajor(text: string, currency: string): number | null {
  // A leading currency sign ("€2.50") is fine; anything else that is not a digit is not.
  const value = text.trim().replace(/^\p{Sc}\s*/u, "");
  if (value === "") return null;
  const digits = fractionDigitsOf(currency);
  const match = /^(\d{1,9})(?:[.,](\d*))?$/.exec(value);
  if (!match || (match[2] ?? "").length > digits) return Number.NaN;
  const fraction = (match[2] ?? "").padEnd(digits, "0");
  return Number(match[1]) * 10 ** digits + (digits > 0 ? Number(fraction) : 0);
}

/** "Use an amount like 2.50." for the currency's precision. */
export function amountHint(currency: string): string {
  const digits = fractionDigitsOf(currency);
  return `Use an amount like ${digits > 0 ? (2.5).toFixed(digits) : "250"}.`;
}

const percents = [0, 1].map((digits) => new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: digits }));

/** "62.5%" from 0.625 (`digits`: 0 gives "63%"). */
export function formatPercent(fraction: number, digits: 0 | 1 = 1): string {
  return percents[digits]!.format(fraction);
}

const integer = new Intl.NumberFormat(LOCALE);

/** "12,345". */
export function formatCount(n: number): string {
  return integer.format(n);
}
