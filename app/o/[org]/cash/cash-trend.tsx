"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Card } from "~/app/_components/ui/card";
import { ChartLegend, ColumnChart, type ChartRow, type ChartSeries } from "~/app/_components/ui/chart";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { formatMoney } from "~/server/money";
import { addDays, formatDay } from "~/server/time";
import { TREND_WEEKS, trendInput } from "./cash-query";

/** Expected against counted per week over the last 12 weeks, as paired columns with a tooltip per week. */
export function CashTrend() {
  const org = useOrg();
  const trpc = useTRPC();
  const input = trendInput(org.id, org.timeZone);
  const { data: rows } = useSuspenseQuery(trpc.cash.trend.queryOptions(input));
  const byWeek = new Map(rows.filter((r) => r.currency === org.currency).map((r) => [r.start, r]));
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => {
    const start = addDays(input.from, 7 * i);
    const r = byWeek.get(start);
    return { start, expected: r?.expectedMinor ?? 0, counted: r?.countedMinor ?? 0, collections: r?.collections ?? 0 };
  });
  const max = Math.max(0, ...weeks.flatMap((w) => [w.expected, w.counted]));
  const expected = weeks.reduce((n, w) => n + w.expected, 0);
  const counted = weeks.reduce((n, w) => n + w.counted, 0);
  const money = (minor: number) => formatMoney(minor, org.currency);
  const series: ChartSeries[] = [
    { key: "expected", name: "Expected", tone: "muted", format: money },
    { key: "counted", name: "Counted", tone: "brand", format: money },
  ];
  const chartRows: ChartRow[] = weeks.map((w) => ({
    key: w.start,
    tick: formatDay(w.start),
    title: `Week of ${formatDay(w.start, true)}`,
    values: { expected: w.expected, counted: w.counted },
    notes: [`${w.collections} ${w.collections === 1 ? "collection" : "collections"}`],
  }));
  const summary = `Over ${TREND_WEEKS} weeks: ${money(expected)} expected, ${money(counted)} counted.`;
  return (
    <Card
      title="Expected and counted per week"
      description={`Collections of the last ${TREND_WEEKS} weeks by the week they were made (from Monday). Point at a week, or focus the chart and use the arrow keys.`}
      actions={<ChartLegend series={series} />}
    >
      {max === 0 ? (
        <p className="py-8 text-center text-[13px] text-zinc-500 dark:text-zinc-400">No collections in these weeks yet. They appear here as machines report emptying their cash box or technicians count it.</p>
      ) : (
        <>
          <p className="mb-2 text-[13px] text-zinc-600 dark:text-zinc-400">{summary}</p>
          <ColumnChart
            label="Expected and counted cash per week, chart"
            caption={`Expected and counted cash per week. ${summary}`}
            rowLabel="Week of"
            rows={chartRows}
            series={series}
            formatAxis={(v) => formatMoney(v, org.currency, { compact: true })}
          />
        </>
      )}
    </Card>
  );
}
