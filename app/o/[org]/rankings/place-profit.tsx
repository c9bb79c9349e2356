"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useFormat, type Format } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { Card } from "~/app/_components/ui/card";
import { ColumnChart, type ChartRow, type ChartSeries } from "~/app/_components/ui/chart";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import type { PlaceProfit, PlaceProfitReport, PlaceStanding } from "~/server/profit/contract";

type Words = ReturnType<typeof useTranslations<"rankings.places">>;
const standingClasses: Record<PlaceStanding, string> = {
  good: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-500/25",
  fair: "bg-zinc-50 text-zinc-600 ring-zinc-500/20 dark:bg-zinc-500/10 dark:text-zinc-300 dark:ring-zinc-500/25",
  candidate: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-500/25",
};

function Standing({ standing }: { standing: PlaceStanding }) {
  const t = useTranslations("rankings.places.standing");
  return <span className={clsx("inline-flex rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset", standingClasses[standing])}>{t(standing)}</span>;
}

const signed = (minor: number, currency: string, f: Format) => (
  <span className={minor < 0 ? "text-red-700 dark:text-red-400" : undefined}>{f.money(minor, currency)}</span>
);

function columns(currency: string, t: Words, f: Format): Column<PlaceProfit>[] {
  const money = (key: string, label: string, value: (r: PlaceProfit) => number): Column<PlaceProfit> => ({
    key,
    label,
    align: "right",
    sortValue: value,
    render: (r) => f.money(value(r), currency),
  });
  return [
    { key: "name", label: t("location"), sortValue: (r) => r.name, render: (r) => <span className="font-medium text-zinc-900 dark:text-zinc-100">{r.name}</span> },
    { key: "machineDays", label: t("machineDays"), align: "right", sortValue: (r) => r.machineDays, render: (r) => f.count(r.machineDays) },
    money("revenue", t("revenue"), (r) => r.revenueMinor),
    money("cogs", t("cogs"), (r) => r.cogsMinor),
    money("refunds", t("refunds"), (r) => r.refundsMinor),
    money("commission", t("commission"), (r) => r.commissionMinor),
    money("fees", t("fees"), (r) => r.cardFeesMinor),
    {
      key: "visits",
      label: t("visits"),
      align: "right",
      sortValue: (r) => r.visitCostMinor,
      render: (r) => (
        <span title={t("visitsTitle", { count: f.count(r.visits) })}>
          {f.money(r.visitCostMinor, currency)} <span className="text-zinc-500 dark:text-zinc-400">({f.count(r.visits)})</span>
        </span>
      ),
    },
    { key: "profit", label: t("profit"), align: "right", sortValue: (r) => r.profitMinor, render: (r) => <span className="font-medium">{signed(r.profitMinor, currency, f)}</span> },
    {
      key: "perDay",
      label: t("perDay"),
      align: "right",
      sortValue: (r) => r.profitPerMachineDay,
      render: (r) => (r.profitPerMachineDay === null ? "–" : signed(r.profitPerMachineDay, currency, f)),
    },
    { key: "standing", label: t("standingColumn"), sortValue: (r) => ["candidate", "fair", "good"].indexOf(r.standing), render: (r) => <Standing standing={r.standing} /> },
  ];
}

function Reasons({ rows, empty, label }: { rows: PlaceProfit[]; empty: string; label: string }) {
  if (rows.length === 0) return <p className="px-4 py-6 text-center text-[13px] text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <ul aria-label={label} className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {rows.map((r) => (
        <li key={r.locationId} className="px-4 py-3 text-[13px]">
          <p className="font-medium text-zinc-900 dark:text-zinc-100">{r.name}</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-4 text-zinc-600 dark:text-zinc-400">
            {r.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

const shortName = (name: string) => (name.length > 14 ? `${name.slice(0, 13).trimEnd()}…` : name);

/** Profit per place: the good points of sale, the elimination candidates with their reasons, a chart and the breakdown. */
export function PlaceProfitSection({ report }: { report: PlaceProfitReport }) {
  const org = useOrg();
  const t = useTranslations("rankings.places");
  const f = useFormat();
  const { currency } = report;
  const shown = report.places.filter((p) => p.machines > 0 || p.revenueMinor !== 0 || p.profitMinor !== 0);
  const series: ChartSeries[] = [
    { key: "revenue", name: t("revenue"), tone: "muted", format: (v) => f.money(v, currency) },
    { key: "profit", name: t("profit"), tone: "brand", format: (v) => f.money(v, currency) },
  ];
  const chartRows: ChartRow[] = shown.slice(0, 20).map((p) => ({
    key: p.locationId,
    tick: shortName(p.name),
    title: p.name,
    rowHeader: p.name,
    values: { revenue: p.revenueMinor, profit: p.profitMinor },
    notes: [t("machineDaysNote", { count: f.count(p.machineDays) })],
  }));
  const good = shown.filter((p) => p.standing === "good");
  const candidates = shown.filter((p) => p.standing === "candidate").sort((a, b) => a.profitMinor - b.profitMinor);
  const costs = t("visitCost", { amount: f.money(report.visitCostMinor, currency) });

  return (
    <>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("good")} description={t("goodDescription")} bodyClassName="p-0">
          <Reasons rows={good} label={t("good")} empty={t("goodEmpty")} />
        </Card>
        <Card title={t("losing")} description={t("losingDescription")} bodyClassName="p-0">
          <Reasons rows={candidates} label={t("losing")} empty={t("losingEmpty")} />
        </Card>
      </div>
      <Card
        title={t("profitPerPlace")}
        description={
          <>
            {t("profitDescription")}
            {costs}
            <Link href={`/o/${org.slug}/settings/card-fees`} className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
              {t("cardFeesLink")}
            </Link>
            {t("cardFeesEnd")}
          </>
        }
        bodyClassName="p-0"
      >
        <div className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <ColumnChart
            label={t("chartLabel")}
            rowLabel={t("location")}
            rows={chartRows}
            series={series}
            formatAxis={(v) => f.money(v, currency, { compact: true })}
            empty={t("chartEmpty")}
          />
        </div>
        <SortableTable
          rows={shown}
          columns={columns(currency, t, f)}
          rowKey={(r) => r.locationId}
          initialSort="perDay"
          caption={t("caption")}
          empty={t("empty")}
          searchLabel={t("filter")}
          searchText={(r) => `${r.name} ${r.reasons.join(" ")}`}
        />
      </Card>
    </>
  );
}
