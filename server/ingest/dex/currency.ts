/* eslint-disable architecture/server-only -- pure code with no secrets: the DEX parser runs in plain Node too */
import { number as currencyByNumber } from "currency-codes";

// The currency of a DEX audit, from its ID4 record: ID403 is the alphabetic code, ID402 the
// numeric one. EVA-DTS writes the numeric code as three digits ("978") or as four digits with a
// leading 1 ("1978"); both mean EUR.

/** ISO 4217 codes that are not money: "no currency" and "testing". */
const NOT_MONEY = new Set(["XXX", "XTS"]);

/** The alphabetic ISO 4217 code for a three-digit numeric code ("036" → "AUD"), or null when it names no currency. */
export function currencyFromNumeric(numeric: string): string | null {
  if (!/^[0-9]{3}$/.test(numeric)) return null;
  const code = currencyByNumber(numeric)?.code ?? null;
  if (code === null || NOT_MONEY.has(code)) return null;
  return code;
}

/**
 * The currency of an audit: ID403 when it is three letters (upper-cased), else ID402 read as an
 * ISO 4217 numeric code ("978", or "1978" with the leading 1), else null.
 */
export function currencyFromDex(id402: string | null, id403: string | null): string | null {
  const letters = id403?.trim() ?? "";
  if (/^[A-Za-z]{3}$/.test(letters)) return letters.toUpperCase();
  const digits = id402?.trim() ?? "";
  if (/^[0-9]{3}$/.test(digits)) return currencyFromNumeric(digits);
  if (/^1[0-9]{3}$/.test(digits)) return currencyFromNumeric(digits.slice(1));
  return null;
}
