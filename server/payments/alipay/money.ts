import "server-only";
import { parseMajor, toMajorText } from "~/server/money";

// Alipay speaks yuan as decimal strings ("12.50") and Beijing wall-clock times; we keep fen
// (integer minor units) and instants.

/** Fen as Alipay's yuan string: 1250 -> "12.50". */
export function yuanOf(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`Not an amount in fen: ${fen}`);
  return toMajorText(fen, "CNY");
}

/** Alipay's yuan string as fen, worked out on the digits: "12.5" -> 1250; null when it is not an amount. */
export function fenOf(yuan: string | undefined | null): number | null {
  const fen = /^\d+(\.\d+)?$/.test(yuan?.trim() ?? "") ? parseMajor(yuan!, "CNY") : null;
  return fen === null || Number.isNaN(fen) ? null : fen;
}

/** An instant as Alipay's time_expire: Beijing time (UTC+8 all year), "yyyy-MM-dd HH:mm:ss". */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}
