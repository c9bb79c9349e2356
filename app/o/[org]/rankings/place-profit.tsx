"use client";

import clsx from "clsx";
import Link from "next/link";
import { formatCount } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { Card } from "~/app/_components/ui/card";
import { ColumnChart, type ChartRow, type ChartSeries } from "~/app/_components/ui/chart";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import { formatMoney } from "~/server/money";
import type { PlaceProfit, PlaceProfitReport, PlaceStanding } from "~/server/profit/contract";

const standingLabels: Record<PlaceStanding, string> = { good: "Good", fair: "Fair", candidate: "Loses money" };
const standingClasses: Record<PlaceStanding, string> = {
  good: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-500/25",
  fair: "bg-zinc-50 text-zinc-600 ring-zinc-500/20 dark:bg-zinc-500/10 dark:text-zinc-300 dark:ring-zinc-500/25",
  candidate: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-500/25",
};

function Standing({ standing }: { standing: PlaceStanding }) {
  return <span className={clsx("inline-flex rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset", standingClasses[standing])}>{standingLabels[standing]}</span>;
}

const signed = (minor: number, currency: string) => (
  <span className={minor < 0 ? "text-red-700 dark:text-red-400" : undefined}>{formatMoney(minor, currency)}</span>
);

function columns(currency: string): Column<PlaceProfit>[] {
  const money = (key: string, label: string, value: (r: PlaceProfit) => number): Column<PlaceProfit> => ({
    key,
    label,
    align: "right",
    sortValue: value,
    render: (r) => formatMoney(value(r), currency),
  });
  return [
    { key: "name", label: "Location", sortValue: (r) => r.name, render: (r) => <span className="font-medium text-zinc-900 dark:text-zinc-100">{r.name}</span> },
    { key: "machineDays", label: "Machine-days", align: "right", sortValue: (r) => r.machineDays, render: (r) => formatCount(r.machineDays) },
    money("revenue", "Revenue", (r) => r.revenueMinor),
    money("cogs", "Cost of goods", (r) => r.cogsMinor),
    money("refunds", "Refunds", (r) => r.refundsMinor),
    money("commission", "Commission", (r) => r.commissionMinor),
    money("fees", "Card fees", (r) => r.cardFeesMinor),
    {
      key: "visits",
      label: "Visits",
      align: "right",
      sortValue: (r) => r.visitCostMinor,
      render: (r) => (
        <span title={`${formatCount(r.visits)} visits`}>
          {formatMoney(r.visitCostMinor, currency)} <span className="text-zinc-500 dark:text-zinc-400">({formatCount(r.visits)})</span>
        </span>
      ),
    },
    { key: "profit", label: "Profit", align: "right", sortValue: (r) => r.profitMinor, render: (r) => <span className="font-medium">{signed(r.profitMinor, currency)}</span> },
    {
      key: "perDay",
      label: "Per machine-day",
      align: "right",
      sortValue: (r) => r.profitPerMachineDay,
      render: (r) => (r.profitPerMachineDay === null ? "–" : signed(r.profitPerMachineDay, currency)),
    },
    { key: "standing", label: "Standing", sortValue: (r) => ["candidate", "fair", "good"].indexOf(r.standing), render: (r) => <Standing standing={r.standing} /> },
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
  const { currency } = report;
  const shown = report.places.filter((p) => p.machines > 0 || p.revenueMinor !== 0 || p.profitMinor !== 0);
  const series: ChartSeries[] = [
    { key: "revenue", name: "Revenue", tone: "muted", format: (v) => formatMoney(v, currency) },
    { key: "profit", name: "Profit", tone: "brand", format: (v) => formatMoney(v, currency) },
  ];
  const chartRows: ChartRow[] = shown.slice(0, 20).map((p) => ({
    key: p.locationId,
    tick: shortName(p.name),
    title: p.name,
    rowHeader: p.name,
    values: { revenue: p.revenueMinor, profit: p.profitMinor },
    notes: [`${formatCount(p.machineDays)} machine-days`],
  }));
  const good = shown.filter((p) => p.standing === "good");
  const candidates = shown.filter((p) => p.standing === "candidate").sort((a, b) => a.profitMinor - b.profitMinor);
  const costs = `Visits cost ${formatMoney(report.visitCostMinor, currency)} each (plan settings); card fees are set in `;

  return (
    <>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Good points of sale" description="Places earning at least the median place's profit per machine-day." bodyClassName="p-0">
          <Reasons rows={good} label="Good points of sale" empty="No place earns above the median in this period." />
        </Card>
        <Card title="Places that lose money" description="Elimination candidates: what their margin does not cover." bodyClassName="p-0">
          <Reasons rows={candidates} label="Places that lose money" empty="Every place covers its costs in this period." />
        </Card>
      </div>
      <Card
        title="Profit per place"
        description={
          <>
            Revenue minus cost of goods, refunds, the host&apos;s commission, card fees and visits. {costs}
            <Link href={`/o/${org.slug}/settings/card-fees`} className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
              Card fees
            </Link>
            .
          </>
        }
        bodyClassName="p-0"
      >
        <div className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <ColumnChart
            label="Revenue and profit by location"
            rowLabel="Location"
            rows={chartRows}
            series={series}
            formatAxis={(v) => formatMoney(v, currency, { compact: true })}
            empty="No sales or costs at any place in this period."
          />
        </div>
        <SortableTable
          rows={shown}
          columns={columns(currency)}
          rowKey={(r) => r.locationId}
          initialSort="perDay"
          caption="Points of sale"
          empty="No places with machines or figures in this period."
          searchLabel="Filter places"
          searchText={(r) => `${r.name} ${r.reasons.join(" ")}`}
        />
      </Card>
    </>
  );
}
