"use client";

import clsx from "clsx";
import { formatCount, formatPercent } from "~/app/_components/labels/numbers";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import type { EliminationCandidate, ProductRanking } from "~/server/analytics/contract";
import { formatMoney } from "~/server/money";

function Change({ value }: { value: number | null }) {
  if (value === null) return <span className="text-zinc-500">–</span>;
  if (Math.abs(value) < 0.005) return <span className="text-zinc-500 dark:text-zinc-400">±0%</span>;
  return (
    <span className={clsx(value >= 0 ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400")}>
      {value >= 0 ? "+" : "−"}
      {formatPercent(Math.abs(value), 0)}
    </span>
  );
}

const velocity = (v: number | null) => (v === null ? "–" : v.toFixed(2));

function productColumns(currency: string): Column<ProductRanking>[] {
  return [
    { key: "name", label: "Product", sortValue: (r) => r.name, render: (r) => <span className="font-medium text-zinc-900 dark:text-zinc-100">{r.name}</span> },
    { key: "units", label: "Units", align: "right", sortValue: (r) => r.units, render: (r) => formatCount(r.units) },
    { key: "revenue", label: "Revenue", align: "right", sortValue: (r) => r.revenueMinor, render: (r) => formatMoney(r.revenueMinor, currency) },
    { key: "margin", label: "Margin", align: "right", sortValue: (r) => r.marginMinor, render: (r) => formatMoney(r.marginMinor, currency) },
    { key: "marginRate", label: "Margin %", align: "right", sortValue: (r) => r.marginRate, render: (r) => (r.marginRate === null ? "–" : formatPercent(r.marginRate, 0)) },
    { key: "velocity", label: "Per slot-day in stock", align: "right", sortValue: (r) => r.velocity, render: (r) => velocity(r.velocity) },
    { key: "change", label: "Units vs before", align: "right", sortValue: (r) => r.change, render: (r) => <Change value={r.change} /> },
  ];
}

export function ProductsTable({ rows, currency }: { rows: ProductRanking[]; currency: string }) {
  return (
    <SortableTable
      rows={rows}
      columns={productColumns(currency)}
      rowKey={(r) => r.productId}
      initialSort="units"
      caption="Best sellers"
      empty="No products sold or on offer in this period."
      searchLabel="Filter products"
      searchText={(r) => `${r.name} ${r.sku} ${r.category}`}
    />
  );
}

export function CandidatesTable({ rows, currency }: { rows: EliminationCandidate[]; currency: string }) {
  const columns: Column<EliminationCandidate>[] = [
    ...productColumns(currency).filter((c) => ["name", "units", "marginRate", "velocity"].includes(c.key)),
    {
      key: "reasons",
      label: "Why",
      sortValue: (r) => r.reasons.length,
      render: (r) => (
        <ul className="list-disc space-y-0.5 pl-4 text-zinc-600 dark:text-zinc-400">
          {r.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <SortableTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.productId}
      initialSort="reasons"
      caption="Elimination candidates"
      empty="No product looks like one to drop in this period."
      searchLabel="Filter candidates"
      searchText={(r) => `${r.name} ${r.sku} ${r.reasons.join(" ")}`}
    />
  );
}
