import { formatPercent } from "~/app/_components/labels/numbers";
import type { SalesComparison } from "~/server/sales/contract";
import { formatDay } from "~/server/time";

/** The choices of the comparison control. */
export const compareLabels: Record<SalesComparison, string> = {
  previous: "Previous period",
  year: "Same period last year",
};

/** "+62.5%", "−3%", "±0%"; null (nothing to compare with) gives null. */
export function formatChange(change: number | null): string | null {
  if (change === null) return null;
  if (Math.abs(change) < 0.0005) return "±0%";
  return `${change > 0 ? "+" : "−"}${formatPercent(Math.abs(change))}`;
}

/** "9–15 Nov 2026" or "30 Nov – 6 Dec 2026" or "1 Dec 2025 – 7 Jan 2026": a range of days in short. */
export function formatDayRange(range: { from: string; to: string }): string {
  if (range.from === range.to) return formatDay(range.from, true);
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  if (sameYear && range.from.slice(0, 7) === range.to.slice(0, 7)) return `${Number(range.from.slice(8))}–${formatDay(range.to, true)}`;
  return `${formatDay(range.from, !sameYear)} – ${formatDay(range.to, true)}`;
}
