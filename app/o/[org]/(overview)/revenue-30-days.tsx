"use client";

import { ColumnChart, type ChartRow, type ChartSeries } from "~/app/_components/ui/chart";
import { formatCount } from "~/app/_components/labels/numbers";
import { formatMoney } from "~/server/money";
import { formatDay } from "~/server/time";

/**
 * The overview's revenue per day over the last 30 days: bars with axes, a tooltip per day (hover,
 * tap, or focus and arrow keys) and the figures in a table for screen readers.
 */
export function RevenueThirtyDays({ days, currency }: { days: { day: string; revenueMinor: number; units: number }[]; currency: string }) {
  const money = (minor: number) => formatMoney(minor, currency);
  const total = days.reduce((n, d) => n + d.revenueMinor, 0);
  const label = `Revenue per day over the last 30 days: ${money(total)} in total.`;
  const series: ChartSeries[] = [{ key: "revenue", name: "Revenue", tone: "brand", format: money }];
  const rows: ChartRow[] = days.map((d) => ({
    key: d.day,
    tick: formatDay(d.day),
    title: formatDay(d.day, true),
    values: { revenue: d.revenueMinor },
    notes: [`${formatCount(d.units)} ${d.units === 1 ? "vend" : "vends"}`],
  }));
  return (
    <>
      <p className="sr-only">{label}</p>
      <ColumnChart label="Revenue per day, last 30 days" caption={label} empty="No revenue in the last 30 days." rowLabel="Day" rows={rows} series={series} formatAxis={(v) => formatMoney(v, currency, { compact: true })} />
    </>
  );
}
