"use client";

import { useTranslations } from "next-intl";
import { Card } from "~/app/_components/ui/card";
import { ColumnChart, type ChartRow, type ChartSeries } from "~/app/_components/ui/chart";
import { useFormat } from "~/app/_components/i18n/format";
import { usePlanDays } from "./plan-format";

/** Planned visits per day over the horizon, as columns with a tooltip per day. */
export function VisitsChart({ byDay, today }: { byDay: { date: string; visits: number }[]; today: string }) {
  const t = useTranslations("plans.chart");
  const f = useFormat();
  const days = usePlanDays();
  const visits = (n: number) => t("visits", { count: n });
  const total = byDay.reduce((n, d) => n + d.visits, 0);
  const busiest = byDay.reduce<{ date: string; visits: number } | null>((b, d) => (!b || d.visits > b.visits ? d : b), null);
  const summary =
    busiest && busiest.visits > 0
      ? t("summaryBusiest", { visits: visits(total), days: byDay.length, day: days.day(busiest.date, today), most: busiest.visits })
      : t("summary", { visits: visits(total), days: byDay.length });
  const series: ChartSeries[] = [{ key: "visits", name: t("series"), tone: "brand", format: visits }];
  const rows: ChartRow[] = byDay.map((d) => ({
    key: d.date,
    tick: days.column(d.date, today),
    title: days.day(d.date, today),
    values: { visits: d.visits },
  }));
  return (
    <Card title={t("title")} description={t("description")}>
      <p className="mb-2 text-[13px] text-zinc-600 dark:text-zinc-400">{summary}</p>
      <ColumnChart
        label={t("label")}
        caption={t("caption", { summary })}
        rowLabel={t("rowLabel")}
        rows={rows}
        series={series}
        formatAxis={(v) => f.count(v)}
        height={150}
        integer
        empty={t("empty")}
      />
    </Card>
  );
}
