// Date ranges of the sales filter: days (YYYY-MM-DD) in the organization's time zone.
import { addDays } from "~/server/time";

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
