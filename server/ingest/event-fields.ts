import "server-only";
import { z } from "zod";

// The field types every machine event is built from. Whatever a machine sends is checked here, once,
// so that nothing Postgres would refuse (a NUL, an unpaired surrogate, the year 0, a number past
// its column) gets past parsing: such an event is rejected alone instead of failing the batch.

/** Control characters (Unicode Cc) and unpaired surrogates: Postgres text and jsonb refuse NUL and lone surrogates. */
const FORBIDDEN_IN_LABEL = /[\p{Cc}\p{Cs}]/u;
/** A free-text message may span lines: tab, line feed and carriage return are allowed there. */
const FORBIDDEN_IN_MESSAGE = /[\p{Cs}\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/u;

const TEXT_RULE = "must be text without control characters (U+0000 to U+001F, U+007F to U+009F) or unpaired surrogates";
const MESSAGE_RULE = "must be text without control characters other than tab and line breaks, or unpaired surrogates";

/** A short text field (codes, ids, references, firmware): min..max characters, no control characters. */
export const machineText = (max: number, min = 0) =>
  z
    .string()
    .min(min, min === 1 ? "must not be empty" : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !FORBIDDEN_IN_LABEL.test(s), TEXT_RULE);

/** A free-text message for people (a fault's description): lines allowed, other controls not. */
export const machineMessage = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !FORBIDDEN_IN_MESSAGE.test(s), MESSAGE_RULE);

/**
 * The earliest `occurredAt` taken: anything older is a machine whose clock was never set, and the
 * alert windows subtracted from an event's time stay far inside what Postgres can store.
 */
export const EARLIEST_OCCURRED_AT = Date.UTC(2000, 0, 1);
/** A machine clock may run a little fast; an event from further in the future is refused. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

// RFC 3339 date-time (section 5.6): full-date "T" full-time, with a Z or numeric offset.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

const NOT_RFC3339 = "occurredAt must be an RFC 3339 timestamp such as 2026-11-24T09:15:02Z";

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads an event's `occurredAt`: a real RFC 3339 date-time (JavaScript would roll 2026-02-30 over
 * to March), from 2000-01-01T00:00:00Z up to a day ahead of `now`. The time, or what to fix.
 */
export function parseOccurredAt(value: unknown, now: number): { at: Date } | { message: string } {
  const parts = typeof value === "string" ? RFC3339.exec(value) : null;
  if (!parts) return { message: NOT_RFC3339 };
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offsetHour = 0, offsetMinute = 0] = parts.slice(1).map((p) => Number(p ?? 0));
  const real = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
  if (!real || offsetHour > 23 || offsetMinute > 59) {
    return { message: "occurredAt must be a real date and time: month 01-12, a day the month has, hour 00-23, minute and second 00-59" };
  }
  const at = new Date(value as string);
  if (Number.isNaN(at.getTime())) return { message: NOT_RFC3339 };
  if (at.getTime() < EARLIEST_OCCURRED_AT) {
    return { message: "occurredAt is before 2000-01-01T00:00:00Z; set the machine's clock" };
  }
  if (at.getTime() > now + MAX_FUTURE_MS) {
    return { message: "occurredAt is more than a day ahead of the server's clock; check the machine's clock" };
  }
  return { at };
}
