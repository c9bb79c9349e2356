import { useLocale, useTranslations } from "next-intl";
import { intlLocale, type Locale } from "~/server/i18n/locales";
import { daysBetween } from "~/server/time";

/** The words for the two days that have names: "Today" and "Tomorrow" in the reader's language. */
export interface NamedDays {
  today: string;
  tomorrow: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: "UTC" });
    formats.set(key, f);
  }
  return f;
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** "Today", "Tomorrow" or "Thu 26 Nov" for a local day (YYYY-MM-DD). */
export function formatPlanDay(day: string, today: string, locale: Locale, named: NamedDays): string {
  const diff = daysBetween(today, day);
  if (diff === 0) return named.today;
  if (diff === 1) return named.tomorrow;
  return dayFormat(locale, { weekday: "short", day: "numeric", month: "short" }).format(asDate(day));
}

/** "Thu 26" for narrow column headers. */
export function formatDayColumn(day: string, locale: Locale): string {
  return dayFormat(locale, { weekday: "short", day: "numeric" }).format(asDate(day));
}

/** The plan's day formats in the page's language, for client components and non-async server components. */
export function usePlanDays() {
  const t = useTranslations("plans.days");
  const locale = useLocale();
  const named = { today: t("today"), tomorrow: t("tomorrow") };
  return {
    day: (day: string, today: string) => formatPlanDay(day, today, locale, named),
    column: (day: string, today: string) => (day === today ? named.today : formatDayColumn(day, locale)),
  };
}
