// The month's uptime and stockouts said in plain words, from the figures the monthly statistics keep.
import type { useTranslations } from "next-intl";
import { formatCount, formatDecimal, formatPercent } from "~/app/_components/labels/numbers";
import { intlLocale, type Locale } from "~/server/i18n/locales";

/** What the words are made of: the month's totals and its rows by machine and by product. */
export interface MonthForWords {
  /** YYYY-MM */
  month: string;
  uptime: number | null;
  stockoutHours: number;
  machines: { label: string; uptime?: number | null; stockoutHours: number }[];
  products: { label: string; stockoutHours: number }[];
}

/** The messages the words are written with, and the language their numbers are written in. */
export interface StatisticsWords {
  t: ReturnType<typeof useTranslations<"statistics.words">>;
  locale: Locale;
}

/** "20 h 10 min", "45 min", "3 h" from hours; from 100 h on, whole hours ("1,936 h"). */
export function formatHours(hours: number, { t, locale }: StatisticsWords): string {
  if (hours >= 100) return t("hours", { hours: formatCount(Math.round(hours), locale) });
  const minutes = Math.round(hours * 60);
  if (minutes < 60) return t("minutes", { minutes: String(minutes) });
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? t("hours", { hours: String(h) }) : t("hoursMinutes", { hours: String(h), minutes: String(m) });
}

/** Hours in a calendar month (the clock change of a time zone aside). */
function hoursIn(month: string): number {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate() * 24;
}

/** A list said as people say it: "a", "a and b", "a, b and c" (in Chinese "a、b和c"). */
function listed(items: string[], locale: Locale): string {
  return new Intl.ListFormat(intlLocale(locale), { type: "conjunction" }).format(items);
}

/**
 * "Up 97.2% of the month: machines missed reports in 2.8% of their hours. 2 of 12 machines were
 * down some of the time, most of all Station hall 1 (up 88%, about 86 h down) and ...".
 * A machine's hours down are read off a whole month, so they are "about" for one that started later.
 */
export function uptimeInWords(m: MonthForWords, words: StatisticsWords): string {
  const { t, locale } = words;
  const percent = (x: number) => formatPercent(x, 1, locale);
  if (m.uptime === null) return t("uptimeNone");
  const machines = m.machines.filter((r) => r.uptime !== null && r.uptime !== undefined) as { label: string; uptime: number }[];
  const down = machines.filter((r) => r.uptime < 0.9995).sort((a, b) => a.uptime - b.uptime || a.label.localeCompare(b.label));
  if (m.uptime >= 0.9995 || down.length === 0) return t("uptimeWhole", { count: machines.length });
  const worst = down.slice(0, 3).map((r) => {
    // Whole hours: the figure is an estimate, minutes would claim too much.
    const hours = Math.max(1, Math.round((1 - r.uptime) * hoursIn(m.month)));
    return t("uptimeMachine", { label: r.label, percent: percent(r.uptime), hours: formatHours(hours, words) });
  });
  const more = down.length > 3 ? t("uptimeMore", { count: down.length - 3 }) : "";
  return t("uptimeSummary", { up: percent(m.uptime), silent: percent(1 - m.uptime), down: down.length, count: machines.length, worst: listed(worst, locale), more });
}

/**
 * "Slots were empty 41 slot-hours: Cola (18 h), Water (12 h) and 3 other products (11 h). Most at
 * Station hall 1 (22 h)." Products and machines come from the month's breakdowns.
 */
export function stockoutsInWords(m: MonthForWords, words: StatisticsWords): string {
  const { t, locale } = words;
  if (m.stockoutHours <= 0) return t("stockoutsNone");
  const hours = (n: number) => formatHours(n, words);
  const byHours = <T extends { label: string; stockoutHours: number }>(rows: T[]) =>
    rows.filter((r) => r.stockoutHours > 0).sort((a, b) => b.stockoutHours - a.stockoutHours || a.label.localeCompare(b.label));
  const products = byHours(m.products);
  // Hours in brackets: product names often end in numbers ("Water 0.5 l").
  const top = products.slice(0, 3).map((r) => t("stockoutProduct", { label: r.label, hours: hours(r.stockoutHours) }));
  const rest = products.slice(3);
  if (rest.length > 0) top.push(t("stockoutOthers", { count: rest.length, hours: hours(rest.reduce((n, r) => n + r.stockoutHours, 0)) }));
  const machines = byHours(m.machines);
  const most = machines[0] && machines.length > 1 ? t("stockoutMost", { label: machines[0].label, hours: hours(machines[0].stockoutHours) }) : "";
  const total = t("stockoutTotal", { hours: formatDecimal(m.stockoutHours, 1, locale), count: m.stockoutHours });
  return t("stockoutSummary", { total, list: top.length > 0 ? t("stockoutList", { list: listed(top, locale) }) : "", most });
}
