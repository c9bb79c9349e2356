import { daysBetween } from "~/server/time";

const short = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** "Today", "Tomorrow" or "Thu 26 Nov" for a local day (YYYY-MM-DD). */
export function formatPlanDay(day: string, today: string): string {
  const diff = daysBetween(today, day);
  if (diff === 0) return "Today";
  if (diff === 1) return "Tomorrow";
  return short.format(new Date(`${day}T00:00:00Z`));
}

/** "Thu 26" for narrow column headers. */
export function formatDayColumn(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${short.format(d).split(" ")[0]} ${d.getUTCDate()}`;
}
