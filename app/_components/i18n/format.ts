// Numbers, money, dates and times in the reader's language: one set of formatters per language,
// for client components and synchronous server components (useFormat) and async server
// components (getFormat in get-format.ts). Times take the org's zone, as they always did.
import { useLocale } from "next-intl";
import type { Locale } from "~/server/i18n/locales";
import { formatMoney } from "~/server/money";
import { formatClock, formatDate, formatDateTime, formatDay, formatRelative, formatWeekday } from "~/server/time";
import { formatCount, formatDecimal, formatPercent } from "../labels/numbers";

export type Format = ReturnType<typeof formatsFor>;

export function formatsFor(locale: Locale) {
  return {
    locale,
    money: (minor: number, currency: string, options: { compact?: boolean; code?: boolean } = {}) => formatMoney(minor, currency, { ...options, locale }),
    count: (n: number) => formatCount(n, locale),
    percent: (fraction: number, digits: 0 | 1 = 1) => formatPercent(fraction, digits, locale),
    decimal: (n: number, digits: number, exact = false) => formatDecimal(n, digits, locale, exact),
    dateTime: (date: Date, timeZone: string) => formatDateTime(date, timeZone, locale),
    date: (date: Date, timeZone: string) => formatDate(date, timeZone, locale),
    day: (day: string, year = false) => formatDay(day, year, locale),
    clock: (date: Date, timeZone: string) => formatClock(date, timeZone, locale),
    weekday: (date: Date, timeZone: string) => formatWeekday(date, timeZone, locale),
    relative: (date: Date, now: number) => formatRelative(date, now, locale),
  };
}

/** The formatters of the page's language, in client components and non-async server components. */
export function useFormat(): Format {
  return formatsFor(useLocale());
}
