"use client";

import { Card } from "~/app/_components/ui/card";
import { ColumnChart, type ChartRow, type ChartSeries } from "~/app/_components/ui/chart";
import { formatCount } from "~/app/_components/labels/numbers";
import { formatDayColumn, formatPlanDay } from "./plan-format";

const visits = (n: number) => `${formatCount(n)} ${n === 1 ? "visit" : "visits"}`;

/** Planned visits per day over the horizon, as columns with a tooltip per day. */
export function VisitsChart({ byDay, today }: { byDay: { date: string; visits: number }[]; today: string }) {
  const total = byDay.reduce((n, d) => n + d.visits, 0);
  const busiest = byDay.reduce<{ date: string; visits: number } | null>((b, d) => (!b || d.visits > b.visits ? d : b), null);
  const summary = `${visits(total)} planned over ${byDay.length} days${busiest && busiest.visits > 0 ? `, most on ${formatPlanDay(busiest.date, today)} (${busiest.visits})` : ""}.`;
  const series: ChartSeries[] = [{ key: "visits", name: "Planned visits", tone: "brand", format: visits }];
  const rows: ChartRow[] = byDay.map((d) => ({
    key: d.date,
    tick: d.date === today ? "Today" : formatDayColumn(d.date),
    title: formatPlanDay(d.date, today),
    values: { visits: d.visits },
  }));
  return (
    <Card title="Visits per day" description="Planned machine visits over the next seven days.">
      <p className="mb-2 text-[13px] text-zinc-600 dark:text-zinc-400">{summary}</p>
      <ColumnChart label="Visits per day, chart" caption={`Planned visits per day: ${summary}`} rowLabel="Day" rows={rows} series={series} formatAxis={(v) => formatCount(v)} height={150} integer empty="No visits planned in these days." />
    </Card>
  );
}
