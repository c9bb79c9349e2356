"use client";

import { formatCount, formatPercent } from "~/app/_components/labels/numbers";
import { paymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import type { MonthlyBreakdownRow } from "~/server/analytics/contract";
import { formatMoney } from "~/server/money";

const titles = { machine: "Machine", location: "Location", product: "Product", payment: "Payment method" } as const;

/** One breakdown of a month (machines, locations, products or payment methods), sortable and filterable. */
export function BreakdownTable({ rows, currency, kind }: { rows: MonthlyBreakdownRow[]; currency: string; kind: keyof typeof titles }) {
  const label = (r: MonthlyBreakdownRow) => (kind === "payment" ? paymentMethodLabel(r.key) : r.label);
  const money = (minor: number) => formatMoney(minor, currency);
  const columns: Column<MonthlyBreakdownRow>[] = [
    { key: "label", label: titles[kind], sortValue: label, render: label },
    { key: "revenue", label: "Revenue", align: "right", sortValue: (r) => r.revenueMinor, render: (r) => money(r.revenueMinor) },
    { key: "units", label: "Units", align: "right", sortValue: (r) => r.units, render: (r) => formatCount(r.units) },
    { key: "margin", label: "Margin", align: "right", sortValue: (r) => r.marginMinor, render: (r) => money(r.marginMinor) },
    { key: "refunds", label: "Refunds", align: "right", sortValue: (r) => r.refundMinor, render: (r) => `${formatCount(r.refunds)} · ${money(r.refundMinor)}` },
    { key: "failure", label: "Failure rate", align: "right", sortValue: (r) => r.failureRate, render: (r) => formatPercent(r.failureRate) },
  ];
  if (kind !== "payment") {
    columns.push({ key: "stockout", label: "Stockout h", align: "right", sortValue: (r) => r.stockoutHours, render: (r) => formatCount(r.stockoutHours) });
  }
  if (kind === "machine" || kind === "location") {
    columns.push({
      key: "uptime",
      label: "Uptime",
      align: "right",
      sortValue: (r) => r.uptime ?? null,
      render: (r) => (r.uptime === null || r.uptime === undefined ? "–" : formatPercent(r.uptime)),
    });
  }
  return (
    <SortableTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.key || "none"}
      initialSort="revenue"
      caption={`The month by ${titles[kind].toLowerCase()}`}
      empty="Nothing this month."
      searchLabel={kind === "payment" ? undefined : `Filter by ${titles[kind].toLowerCase()}`}
      searchText={kind === "payment" ? undefined : label}
    />
  );
}
