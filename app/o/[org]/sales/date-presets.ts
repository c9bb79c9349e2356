// Date ranges of the sales filter: days (YYYY-MM-DD) in the organization's time zone.
import { addDays } from "~/server/time";

/** The presets, in the order of their buttons; named by `sales.presets.<id>` (and `presetsShort` for a phone). */
export const presetIds = ["today", "7d", "30d", "month", "all"] as const;
export type PresetId = (typeof presetIds)[number];

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
  for (const id of presetIds) {
    const r = presetRange(id, today);
    if (r.from === range.from && r.to === range.to) return id;
  }
  return null;
}
