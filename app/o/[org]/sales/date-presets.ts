// Date ranges of the sales filter: days (YYYY-MM-DD) in the organization's time zone.

/** Today in the zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, inclusive (at most `limit`). */
export function daysBetween(from: string, to: string, limit = 400): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < limit; day = addDays(day, 1)) days.push(day);
  return days;
}

export type PresetId = "today" | "7d" | "30d" | "month" | "all";

export const presetLabels: Record<PresetId, string> = {
  today: "Today",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  month: "This month",
  all: "All time",
};

/** The same, short enough for five buttons on a phone. */
export const presetShortLabels: Record<PresetId, string> = {
  today: "Today",
  "7d": "7 days",
  "30d": "30 days",
  month: "Month",
  all: "All",
};

export function presetRange(id: PresetId, today: string): { from?: string; to?: string } {
  switch (id) {
    case "today":
      return { from: today, to: today };
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "30d":
      return { from: addDays(today, -29), to: today };
    case "month":
      return { from: `${today.slice(0, 8)}01`, to: today };
    case "all":
      return {};
  }
}

/** Which preset a range is, if any. */
export function presetOf(range: { from?: string; to?: string }, today: string): PresetId | null {
  for (const id of Object.keys(presetLabels) as PresetId[]) {
    const r = presetRange(id, today);
    if (r.from === range.from && r.to === range.to) return id;
  }
  return null;
}

const short = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const long = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "24 Nov" (or "24 Nov 2026" with `year`) for a YYYY-MM-DD day. */
export function formatDay(day: string, year = false): string {
  return (year ? long : short).format(new Date(`${day}T00:00:00Z`));
}
