"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Card } from "~/app/_components/ui/card";
import { ChartLegend, ColumnChart, type ChartRow, type ChartSeries } from "~/app/_components/ui/chart";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { intlLocale, type Locale } from "~/server/i18n/locales";
import type { SalesComparison } from "~/server/sales/contract";
import { eachDay, localDay } from "~/server/time";
import { formatChange, formatDayRange } from "./compare-labels";
import type { SalesQuery } from "./sales-query";

/** One day of the chart: its revenue and vends, and the compared day's. */
interface RevenueDay {
  day: string;
  revenueMinor: number;
  vends: number;
  previousDay?: string | null;
  previousRevenueMinor?: number;
}

/** Revenue per day in the org's currency, with the compared period as a dashed line when one is chosen. */
export function RevenueChart({ query, compare }: { query: SalesQuery; compare?: SalesComparison }) {
  return compare && query.from && query.to ? <ComparedRevenueChart query={query} compare={compare} /> : <PlainRevenueChart query={query} />;
}

function PlainRevenueChart({ query }: { query: SalesQuery }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: rows } = useSuspenseQuery(trpc.sales.byDay.queryOptions({ orgId: org.id, ...query }));
  const own = rows.filter((r) => r.currency === org.currency);
  const first = query.from ?? own[0]?.day;
  const last = query.to ?? (own.length > 0 ? localDay(new Date(), org.timeZone) : undefined);
  if (!first || !last) return null;
  const byDay = new Map(own.map((r) => [r.day, r]));
  const days = eachDay(first, last).map((day) => ({ day, revenueMinor: byDay.get(day)?.revenueMinor ?? 0, vends: byDay.get(day)?.vends ?? 0 }));
  return <RevenueCard days={days} from={first} to={last} />;
}

function ComparedRevenueChart({ query, compare }: { query: SalesQuery; compare: SalesComparison }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.sales.compare.queryOptions({ orgId: org.id, ...query, compare }));
  const own = new Map(data.days.filter((d) => d.currency === org.currency).map((d) => [d.day, d]));
  const days: RevenueDay[] = eachDay(data.current.from, data.current.to).map((day, i) => {
    const d = own.get(day);
    const previousDay = d?.previousDay ?? (eachDay(data.previous.from, data.previous.to)[i] || null);
    return { day, revenueMinor: d?.revenueMinor ?? 0, vends: d?.vends ?? 0, previousDay, previousRevenueMinor: d?.previousRevenueMinor ?? 0 };
  });
  return <RevenueCard days={days} from={data.current.from} to={data.current.to} compared={{ compare, from: data.previous.from, to: data.previous.to }} />;
}

function RevenueCard({ days, from, to, compared }: { days: RevenueDay[]; from: string; to: string; compared?: { compare: SalesComparison; from: string; to: string } }) {
  const t = useTranslations("sales");
  const f = useFormat();
  const org = useOrg();
  if (days.length < 2) return null;
  const money = (minor: number) => f.money(minor, org.currency);
  const weekdayDay = (day: string) => formatWeekdayDay(day, f.locale);
  const total = days.reduce((n, d) => n + d.revenueMinor, 0);
  const best = days.reduce<RevenueDay | null>((b, d) => (!b || d.revenueMinor > b.revenueMinor ? d : b), null);
  const previousTotal = days.reduce((n, d) => n + (d.previousRevenueMinor ?? 0), 0);
  const change = compared ? formatChange(previousTotal > 0 ? (total - previousTotal) / previousTotal : null, f.locale) : null;
  const comparedName = compared ? t("chart.comparedName", { name: t(`compare.${compared.compare}`), range: formatDayRange(compared, f.locale) }) : "";
  const summary = t("chart.summary", {
    from: f.day(from, true),
    to: f.day(to, true),
    total: money(total),
    best: best && best.revenueMinor > 0 ? t("chart.summaryBest", { amount: money(best.revenueMinor), day: f.day(best.day, true) }) : "",
    compared: compared ? t("chart.summaryCompared", { name: comparedName, amount: money(previousTotal), change: change ? t("chart.summaryChange", { change }) : "" }) : "",
  });

  const series: ChartSeries[] = [
    { key: "revenue", name: compared ? t("chart.thisPeriod") : t("chart.revenue"), tone: "brand", format: money },
    ...(compared ? [{ key: "previous", name: t(`compare.${compared.compare}`), tone: "muted" as const, kind: "line" as const, format: money }] : []),
  ];
  const rows: ChartRow[] = days.map((d) => ({
    key: d.day,
    tick: f.day(d.day),
    title: weekdayDay(d.day),
    values: { revenue: d.revenueMinor, ...(compared ? { previous: d.previousRevenueMinor ?? 0 } : {}) },
    notes: [t("chart.vends", { count: d.vends }), ...(compared && d.previousDay ? [t("chart.comparedWith", { day: weekdayDay(d.previousDay) })] : [])],
  }));
  return (
    <Card
      title={t("chart.title")}
      description={t("chart.description", { currency: org.currency })}
      actions={compared && <ChartLegend series={[{ key: "revenue", name: formatDayRange({ from, to }, f.locale), tone: "brand" }, { key: "previous", name: comparedName, tone: "muted", kind: "line" }]} />}
    >
      <p className="mb-2 text-[13px] text-zinc-600 dark:text-zinc-400" data-testid="revenue-summary">
        {summary}
      </p>
      <ColumnChart label={t("chart.label")} caption={summary} empty={t("chart.empty")} rowLabel={t("chart.rowLabel")} rows={rows} series={series} formatAxis={(v) => f.money(v, org.currency, { compact: true })} />
    </Card>
  );
}

const weekdays = new Map<Locale, Intl.DateTimeFormat>();

/** "Tue 24 Nov 2026" (2026年11月24日周二): a day names itself, so no zone applies. */
function formatWeekdayDay(day: string, locale: Locale): string {
  let weekday = weekdays.get(locale);
  if (!weekday) {
    weekday = new Intl.DateTimeFormat(intlLocale(locale), { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
    weekdays.set(locale, weekday);
  }
  return weekday.format(new Date(`${day}T00:00:00Z`)).replace(",", "");
}
