import { localDay } from "~/server/time";

export { formatMonth } from "~/app/_components/org/format-month";

/** "2026-11" from "2026-12" and -1. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The month running now in `timeZone`, "2026-12". */
export function currentMonth(timeZone: string, now = new Date()): string {
  return localDay(now, timeZone).slice(0, 7);
}

/** The closed months of the org's calendar, newest first: the month before this one and `count - 1` before it. */
export function closedMonths(timeZone: string, count = 24, now = new Date()): string[] {
  const current = currentMonth(timeZone, now);
  return Array.from({ length: count }, (_, i) => addMonths(current, -(i + 1)));
}

/** Whether `text` is a month as the URL and the procedures hold it: "YYYY-MM". */
export const isMonth = (text: string | undefined | null): text is string => !!text && /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
