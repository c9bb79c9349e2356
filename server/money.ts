// Money is integer minor units plus an ISO 4217 currency, never a float. Everything that depends on a
// currency's precision lives here, for the server and the browser alike, and formats in one fixed
// locale per language (server/i18n/locales.ts), so a page rendered on the server and hydrated in
// the browser shows the same text.
import { defineMessages, renderMessage } from "./errors";
import { intlLocale, type Locale } from "./i18n/locales";

export const moneyMessages = defineMessages("money", {
  amount_hint: "Use an amount like {example}.",
});

const LOCALE = "en-GB";

const digitsByCurrency = new Map<string, number>();

/**
 * Digits after the decimal point, as CLDR (through Intl) has them: 2 for USD and EUR, 0 for JPY and
 * KRW, 3 for KWD.
 */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits !== undefined) return digits;
  try {
    digits = new Intl.NumberFormat(LOCALE, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // Intl refuses a code that is not three letters: the common precision keeps a page or a job
    // running, and nothing is remembered for a code that cannot be real.
    return 2;
  }
  digitsByCurrency.set(currency, digits);
  return digits;
}

/** Minor units in one whole unit: 100 for EUR, 1 for JPY, 1000 for KWD. */
export function minorPerUnit(currency: string): number {
  return 10 ** minorDigits(currency);
}

/** Whole units from minor units (2.5 from 250 EUR, 250 from 250 JPY), for charts and arithmetic, never for storing. */
export function toMajor(minor: number, currency: string): number {
  return minor / minorPerUnit(currency);
}

/** Minor units from whole units, to the nearest minor unit: 250 from 2.5 EUR, even where 2.675 * 100 is 267.49999. */
export function toMinor(major: number, currency: string): number {
  const digits = minorDigits(currency);
  // Shifting the decimal point in the text avoids the binary rounding of a multiplication.
  const shifted = /e/i.test(String(major)) ? major * 10 ** digits : Number(`${major}e${digits}`);
  return Math.round(shifted);
}

const formats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, display: "symbol" | "code" | "compact", locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}|${display}`;
  let f = formats.get(key);
  if (!f) {
    const digits = minorDigits(currency);
    f =
      display === "code"
        ? new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })
        : new Intl.NumberFormat(locale, {
            style: "currency",
            currency,
            currencyDisplay: "narrowSymbol",
            // Both fraction limits: engines default the minimum differently ("€0.0" in Node, "€0" in
            // Chromium), and a page rendered on the server must read the same in the browser.
            ...(display === "compact" ? { notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 } : {}),
          });
    formats.set(key, f);
  }
  return f;
}

/**
 * "€2.50" from 250 EUR and "¥250" from 250 JPY, for pages. `compact` gives "€12.3k" for chart axes;
 * `code` gives "1,234.50 EUR", for texts that are stored, mailed or printed, where a symbol ("$")
 * could mean several currencies or lack a glyph in the font.
 */
export function formatMoney(minor: number, currency: string, options: { compact?: boolean; code?: boolean; locale?: Locale } = {}): string {
  const locale = intlLocale(options.locale);
  if (options.code) return `${moneyFormat(currency, "code", locale).format(toMajor(minor, currency))} ${currency}`;
  return moneyFormat(currency, options.compact ? "compact" : "symbol", locale).format(toMajor(minor, currency));
}

/** The amount as a person types it and a CSV holds it: "2.50" from 250 EUR, "250" from 250 JPY, no grouping. */
export function toMajorText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return toMajor(minor, currency).toFixed(digits);
}

/**
 * Minor units from what a person typed ("2.50", "2,5", "3"): `null` when empty, `NaN` when it is
 * not an amount in this currency. Works on the digits, so 0.1 + 0.2 never happens.
 */
export function parseMajor(text: string, currency: string): number | null {
  // A leading currency sign ("€2.50") is fine; anything else that is not a digit is not.
  const value = text.trim().replace(/^\p{Sc}\s*/u, "");
  if (value === "") return null;
  const digits = minorDigits(currency);
  const match = /^(\d{1,9})(?:[.,](\d*))?$/.exec(value);
  if (!match || (match[2] ?? "").length > digits) return Number.NaN;
  const fraction = (match[2] ?? "").padEnd(digits, "0");
  return Number(match[1]) * 10 ** digits + (digits > 0 ? Number(fraction) : 0);
}

/** "Use an amount like 2.50." in the currency's precision ("250" for JPY, "2.500" for KWD). */
export function amountHint(currency: string, locale?: Locale): string {
  const digits = minorDigits(currency);
  return renderMessage(moneyMessages.amount_hint, { example: digits > 0 ? (2.5).toFixed(digits) : "250" }, locale);
}
