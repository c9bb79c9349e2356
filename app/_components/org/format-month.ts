const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "October 2026" from "2026-10" (or "2026-10-01"). */
export function formatMonth(month: string): string {
  return monthName.format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));
}
