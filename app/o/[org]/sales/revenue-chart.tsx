"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Card } from "~/app/_components/ui/card";
import { ChartLegend, ColumnChart, type ChartRow, type ChartSeries } from "~/app/_components/ui/chart";
import { formatCount } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { formatMoney } from "~/server/money";
import type { SalesComparison } from "~/server/sales/contract";
import { eachDay, formatDay, localDay } from "~/server/time";
import { compareLabels, formatChange, formatDayRange } from "./compare-labels";
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
  const org = useOrg();
  if (days.length < 2) return null;
  const money = (minor: number) => formatMoney(minor, org.currency);
  const total = days.reduce((n, d) => n + d.revenueMinor, 0);
  const best = days.reduce<RevenueDay | null>((b, d) => (!b || d.revenueMinor > b.revenueMinor ? d : b), null);
  const previousTotal = days.reduce((n, d) => n + (d.previousRevenueMinor ?? 0), 0);
  const change = compared ? formatChange(previousTotal > 0 ? (total - previousTotal) / previousTotal : null) : null;
  const comparedName = compared ? `${compareLabels[compared.compare]} (${formatDayRange(compared)})` : "";
  const summary = `Revenue per day from ${formatDay(from, true)} to ${formatDay(to, true)}: ${money(total)} in total${
    best && best.revenueMinor > 0 ? `, highest ${money(best.revenueMinor)} on ${formatDay(best.day, true)}` : ""
  }${compared ? `; ${comparedName}: ${money(previousTotal)}${change ? `, a change of ${change}` : ""}` : ""}.`;

  const series: ChartSeries[] = [
    { key: "revenue", name: compared ? "This period" : "Revenue", tone: "brand", format: money },
    ...(compared ? [{ key: "previous", name: compareLabels[compared.compare], tone: "muted" as const, kind: "line" as const, format: money }] : []),
  ];
  const rows: ChartRow[] = days.map((d) => ({
    key: d.day,
    tick: formatDay(d.day),
    title: weekdayDay(d.day),
    values: { revenue: d.revenueMinor, ...(compared ? { previous: d.previousRevenueMinor ?? 0 } : {}) },
    notes: [`${formatCount(d.vends)} ${d.vends === 1 ? "vend" : "vends"}`, ...(compared && d.previousDay ? [`Compared with ${weekdayDay(d.previousDay)}`] : [])],
  }));
  return (
    <Card
      title="Revenue per day"
      description={`Succeeded vends in ${org.currency}. Point at a day, or focus the chart and use the arrow keys.`}
      actions={compared && <ChartLegend series={[{ key: "revenue", name: formatDayRange({ from, to }), tone: "brand" }, { key: "previous", name: comparedName, tone: "muted", kind: "line" }]} />}
    >
      <p className="mb-2 text-[13px] text-zinc-600 dark:text-zinc-400" data-testid="revenue-summary">
        {summary}
      </p>
      <ColumnChart label="Revenue per day, chart" caption={summary} empty="No revenue in these days." rowLabel="Day" rows={rows} series={series} formatAxis={(v) => formatMoney(v, org.currency, { compact: true })} />
    </Card>
  );
}

const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "Tue, 24 Nov 2026": a day names itself, so no zone applies. */
function weekdayDay(day: string): string {
  return weekday.format(new Date(`${day}T00:00:00Z`)).replace(",", "");
}
