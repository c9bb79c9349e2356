import { formatPercent } from "~/app/_components/labels/numbers";
import type { Locale } from "~/server/i18n/locales";
import { formatDay } from "~/server/time";

/** "+62.5%", "−3%", "±0%"; null (nothing to compare with) gives null. */
export function formatChange(change: number | null, locale?: Locale): string | null {
  if (change === null) return null;
  if (Math.abs(change) < 0.0005) return "±0%";
  return `${change > 0 ? "+" : "−"}${formatPercent(Math.abs(change), 1, locale)}`;
}

/** "9–15 Nov 2026" or "30 Nov – 6 Dec 2026" or "1 Dec 2025 – 7 Jan 2026": a range of days in short. */
export function formatDayRange(range: { from: string; to: string }, locale?: Locale): string {
  if (range.from === range.to) return formatDay(range.from, true, locale);
  // Other languages write each end in full: the English shortening ("9–15 Nov") is English word order.
  if (locale && locale !== "en") return `${formatDay(range.from, true, locale)} – ${formatDay(range.to, true, locale)}`;
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  if (sameYear && range.from.slice(0, 7) === range.to.slice(0, 7)) return `${Number(range.from.slice(8))}–${formatDay(range.to, true)}`;
  return `${formatDay(range.from, !sameYear)} – ${formatDay(range.to, true)}`;
}
