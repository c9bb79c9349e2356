// Local days of an organization's time zone as YYYY-MM-DD strings.

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(now: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    formatters.set(timeZone, f);
  }
  return Object.fromEntries(f.formatToParts(now).map((p) => [p.type, p.value]));
}

/** Today in the zone. */
export function localDay(now: Date, timeZone: string): string {
  const p = partsIn(now, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The share of today's hours still ahead in the zone, 0..1. */
export function dayShareLeft(now: Date, timeZone: string): number {
  const p = partsIn(now, timeZone);
  const hours = (Number(p.hour) % 24) + Number(p.minute) / 60;
  return Math.max(0, Math.min(1, (24 - hours) / 24));
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Monday .. 6 = Sunday. */
export function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}
