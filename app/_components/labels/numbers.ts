// Counts and shares as pages show them, in the same fixed locale as money (server/money.ts), so the
// server and the browser render the same text.
const LOCALE = "en-GB";

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
