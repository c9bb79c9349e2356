// Counts and shares as pages show them, in the reader's language (server/i18n/locales.ts), so the
// server and the browser render the same text.
import { intlLocale, type Locale } from "~/server/i18n/locales";

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const tag = intlLocale(locale);
  const key = `${tag}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tag, options);
    formats.set(key, f);
  }
  return f;
}

/** "62.5%" from 0.625 (`digits`: 0 gives "63%"). */
export function formatPercent(fraction: number, digits: 0 | 1 = 1, locale?: Locale): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: digits }).format(fraction);
}

/** "12,345". */
export function formatCount(n: number, locale?: Locale): string {
  return numberFormat(locale, {}).format(n);
}

/** "1.5" from 1.4999 with `digits` after the point at most (`exact`: always that many). */
export function formatDecimal(n: number, digits: number, locale?: Locale, exact = false): string {
  return numberFormat(locale, { maximumFractionDigits: digits, ...(exact ? { minimumFractionDigits: digits } : {}) }).format(n);
}
