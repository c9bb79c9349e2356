// Times are shown in the organization's zone, in one fixed locale so the server and the browser
// render the same text.
const LOCALE = "en-GB";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "24 Nov 2025, 18:56" in the zone. */
export function formatDateTime(date: Date, timeZone: string): string {
  return formatter(timeZone, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(date);
}

/** "24 Nov 2025" in the zone. */
export function formatDate(date: Date, timeZone: string): string {
  return formatter(timeZone, { day: "numeric", month: "short", year: "numeric" }).format(date);
}

/** "18:56" in the zone. */
export function formatClock(date: Date, timeZone: string): string {
  return formatter(timeZone, { hour: "2-digit", minute: "2-digit" }).format(date);
}

/** "Monday" in the zone. */
export function formatWeekday(date: Date, timeZone: string): string {
  return formatter(timeZone, { weekday: "long" }).format(date);
}

/** The zone's current offset from UTC, e.g. "GMT+1". */
export function zoneOffset(date: Date, timeZone: string): string {
  const part = formatter(timeZone, { timeZoneName: "shortOffset" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? "";
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 min ago", "in 2 days", "yesterday". */
export function formatRelative(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 22 * 3600) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 26 * 86400) return relative.format(Math.round(seconds / 86400), "day");
  if (abs < 320 * 86400) return relative.format(Math.round(seconds / (30 * 86400)), "month");
  return relative.format(Math.round(seconds / (365 * 86400)), "year");
}
