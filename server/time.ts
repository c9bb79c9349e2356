// Days and hours in an organization's time zone, the same on the server and in the browser. A day
// is a `YYYY-MM-DD` string of the zone's calendar; an instant is a Date. Intl knows every IANA
// zone, so no zone database ships with the app. Texts use the reader's language (an optional last
// argument, English by default) so that the server and the browser render the same words.
import { intlLocale, type Locale } from "./i18n/locales";

const LOCALE = "en-GB";
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale = LOCALE): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

const FIELDS: Intl.DateTimeFormatOptions = { hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" };

/** The wall clock of an instant in the zone. */
function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(formatter(timeZone, FIELDS, "en-CA").formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    // Some engines write midnight as 24 even with a 23-hour cycle.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The day an instant falls on in the zone. */
export function localDay(instant: Date, timeZone: string): string {
  return wallClock(instant, timeZone).day;
}

/** The day an instant falls on in the zone and the minutes past its local midnight (0..1439). */
export function localMinute(instant: Date, timeZone: string): { day: string; minute: number } {
  const { day, hour, minute } = wallClock(instant, timeZone);
  return { day, minute: hour * 60 + minute };
}

const hourCache = new Map<string, { day: string; hour: number }>();

/** The day and hour (0..23) an instant falls in, in the zone; cached by hour, for long loops over time. */
export function localHour(instant: Date | number, timeZone: string): { day: string; hour: number } {
  const start = Math.floor((typeof instant === "number" ? instant : instant.getTime()) / 3_600_000);
  const key = `${timeZone}|${start}`;
  const hit = hourCache.get(key);
  if (hit) return hit;
  const { day, hour } = wallClock(new Date(start * 3_600_000), timeZone);
  if (hourCache.size > 200_000) hourCache.clear();
  const local = { day, hour };
  hourCache.set(key, local);
  return local;
}

/** The share of the day's hours still ahead in the zone, 0..1. */
export function dayShareLeft(instant: Date, timeZone: string): number {
  const { hour, minute } = wallClock(instant, timeZone);
  return Math.max(0, Math.min(1, (24 - (hour + minute / 60)) / 24));
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date(dayMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/** Every day from `from` to `to`, inclusive (at most `limit`). */
export function eachDay(from: string, to: string, limit = 400): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < limit; day = addDays(day, 1)) days.push(day);
  return days;
}

/** 0 = Monday .. 6 = Sunday. */
export function weekdayOf(day: string): number {
  return (new Date(dayMs(day)).getUTCDay() + 6) % 7;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  const w = wallClock(new Date(instant), timeZone);
  const [y, m, d] = w.day.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant the day begins in the zone (its first existing moment when clocks skip midnight). */
export function startOfDay(day: string, timeZone: string): Date {
  const wall = dayMs(day);
  // The offset at the guess can differ from the one at midnight when clocks change that night:
  // a second step settles it.
  const guess = wall - offsetMs(wall, timeZone);
  const settled = wall - offsetMs(guess, timeZone);
  return new Date(localDay(new Date(settled), timeZone) === day ? settled : guess);
}

/**
 * The instant a wall-clock time (`YYYY-MM-DDTHH:MM:SS`, as a machine's clock writes it) stands for
 * in the zone. A time that does not exist there (clocks skipped it) is read with the offset before
 * the change; one that exists twice, as the first.
 */
export function zonedInstant(localDateTime: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(localDateTime);
  if (!match) throw new Error(`not a local date-time: ${localDateTime}`);
  const [, y, mo, d, h, mi, sec] = match.map(Number) as [number, number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec);
  const guess = wall - offsetMs(wall, timeZone);
  const settled = wall - offsetMs(guess, timeZone);
  return new Date(Math.min(guess, settled));
}

/** A span of days, inclusive, with the span of the same length just before it. */
export interface DayPeriod {
  from: string;
  to: string;
  days: number;
  previousFrom: string;
  previousTo: string;
}

/**
 * The days a range asks for: its own bounds, or `defaultDays` ending at `to` (today when left
 * out), and the same number of days before it for comparisons.
 */
export function dayPeriod(range: { from?: string; to?: string }, today: string, defaultDays: number): DayPeriod {
  const to = range.to ?? today;
  const from = range.from ?? addDays(to, 1 - defaultDays);
  const days = daysBetween(from, to) + 1;
  return { from, to, days, previousFrom: addDays(from, -days), previousTo: addDays(from, -1) };
}

/** "24 Nov 2025, 18:56" in the zone. */
export function formatDateTime(date: Date, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }, intlLocale(locale)).format(date);
}

/** "24 Nov 2025" in the zone. */
export function formatDate(date: Date, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, { day: "numeric", month: "short", year: "numeric" }, intlLocale(locale)).format(date);
}

/** "24 Nov" (or "24 Nov 2026" with `year`) for a day; a day names itself, so no zone applies. */
export function formatDay(day: string, year = false, locale?: Locale): string {
  return formatter("UTC", year ? { day: "numeric", month: "short", year: "numeric" } : { day: "numeric", month: "short" }, intlLocale(locale)).format(new Date(dayMs(day)));
}

/** "18:56" in the zone. */
export function formatClock(date: Date, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }, intlLocale(locale)).format(date);
}

/** "Monday" in the zone. */
export function formatWeekday(date: Date, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, { weekday: "long" }, intlLocale(locale)).format(date);
}

/** The zone's current offset from UTC, e.g. "GMT+1". */
export function zoneOffset(date: Date, timeZone: string): string {
  const part = formatter(timeZone, { timeZoneName: "shortOffset" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? "";
}

const relatives = new Map<string, Intl.RelativeTimeFormat>();

/** "3 min ago", "in 2 days", "yesterday" ("3分钟前", "2天后", "昨天"). */
export function formatRelative(date: Date, now: number, locale?: Locale): string {
  const tag = locale === "zh-CN" ? "zh-CN" : "en";
  let relative = relatives.get(tag);
  if (!relative) relatives.set(tag, (relative = new Intl.RelativeTimeFormat(tag, { numeric: "auto" })));
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  // Intl's own word for "now" in the language ("now", "现在"); English has long said "just now".
  if (abs < 45) return tag === "en" ? "just now" : relative.format(0, "second");
  if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 22 * 3600) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 26 * 86400) return relative.format(Math.round(seconds / 86400), "day");
  if (abs < 320 * 86400) return relative.format(Math.round(seconds / (30 * 86400)), "month");
  return relative.format(Math.round(seconds / (365 * 86400)), "year");
}
