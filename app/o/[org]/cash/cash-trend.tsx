"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { Card } from "~/app/_components/ui/card";
import { ChartLegend, ColumnChart, type ChartRow, type ChartSeries } from "~/app/_components/ui/chart";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { addDays } from "~/server/time";
import { TREND_WEEKS, trendInput } from "./cash-query";

/** Expected against counted per week over the last 12 weeks, as paired columns with a tooltip per week. */
export function CashTrend() {
  const t = useTranslations("cash.trend");
  const f = useFormat();
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
  const money = (minor: number) => f.money(minor, org.currency);
  const series: ChartSeries[] = [
    { key: "expected", name: t("expected"), tone: "muted", format: money },
    { key: "counted", name: t("counted"), tone: "brand", format: money },
  ];
  const chartRows: ChartRow[] = weeks.map((w) => ({
    key: w.start,
    tick: f.day(w.start),
    title: t("weekOf", { day: f.day(w.start, true) }),
    values: { expected: w.expected, counted: w.counted },
    notes: [t("collections", { count: w.collections })],
  }));
  const summary = t("summary", { weeks: TREND_WEEKS, expected: money(expected), counted: money(counted) });
  return (
    <Card
      title={t("title")}
      description={t("description", { weeks: TREND_WEEKS })}
      actions={<ChartLegend series={series} />}
    >
      {max === 0 ? (
        <p className="py-8 text-center text-[13px] text-zinc-500 dark:text-zinc-400">{t("empty")}</p>
      ) : (
        <>
          <p className="mb-2 text-[13px] text-zinc-600 dark:text-zinc-400">{summary}</p>
          <ColumnChart
            label={t("chartLabel")}
            caption={t("caption", { summary })}
            rowLabel={t("rowLabel")}
            rows={chartRows}
            series={series}
            formatAxis={(v) => f.money(v, org.currency, { compact: true })}
          />
        </>
      )}
    </Card>
  );
}
