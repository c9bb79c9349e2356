"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { ColumnChart, type ChartRow, type ChartSeries } from "~/app/_components/ui/chart";

/**
 * The overview's revenue per day over the last 30 days: bars with axes, a tooltip per day (hover,
 * tap, or focus and arrow keys) and the figures in a table for screen readers.
 */
export function RevenueThirtyDays({ days, currency }: { days: { day: string; revenueMinor: number; units: number }[]; currency: string }) {
  const t = useTranslations("overview.revenueChart");
  const f = useFormat();
  const money = (minor: number) => f.money(minor, currency);
  const total = days.reduce((n, d) => n + d.revenueMinor, 0);
  const label = t("summary", { total: money(total) });
  const series: ChartSeries[] = [{ key: "revenue", name: t("series"), tone: "brand", format: money }];
  const rows: ChartRow[] = days.map((d) => ({
    key: d.day,
    tick: f.day(d.day),
    title: f.day(d.day, true),
    values: { revenue: d.revenueMinor },
    notes: [t("vends", { count: d.units })],
  }));
  return (
    <>
      <p className="sr-only">{label}</p>
      <ColumnChart
        label={t("label")}
        caption={label}
        empty={t("empty")}
        rowLabel={t("rowLabel")}
        rows={rows}
        series={series}
        formatAxis={(v) => f.money(v, currency, { compact: true })}
      />
    </>
  );
}
