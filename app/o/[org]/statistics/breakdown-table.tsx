"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import type { MonthlyBreakdownRow } from "~/server/analytics/contract";

/** One breakdown of a month (machines, locations, products or payment methods), sortable and filterable. */
export function BreakdownTable({ rows, currency, kind }: { rows: MonthlyBreakdownRow[]; currency: string; kind: "machine" | "location" | "product" | "payment" }) {
  const t = useTranslations("statistics.breakdown");
  const f = useFormat();
  const paymentMethodLabel = usePaymentMethodLabel();
  const label = (r: MonthlyBreakdownRow) => (kind === "payment" ? paymentMethodLabel(r.key) : r.label);
  const money = (minor: number) => f.money(minor, currency);
  const columns: Column<MonthlyBreakdownRow>[] = [
    { key: "label", label: t(`title.${kind}`), sortValue: label, render: label },
    { key: "revenue", label: t("revenue"), align: "right", sortValue: (r) => r.revenueMinor, render: (r) => money(r.revenueMinor) },
    { key: "units", label: t("units"), align: "right", sortValue: (r) => r.units, render: (r) => f.count(r.units) },
    { key: "margin", label: t("margin"), align: "right", sortValue: (r) => r.marginMinor, render: (r) => money(r.marginMinor) },
    { key: "refunds", label: t("refunds"), align: "right", sortValue: (r) => r.refundMinor, render: (r) => `${f.count(r.refunds)} · ${money(r.refundMinor)}` },
    { key: "failure", label: t("failureRate"), align: "right", sortValue: (r) => r.failureRate, render: (r) => f.percent(r.failureRate) },
  ];
  if (kind !== "payment") {
    columns.push({ key: "stockout", label: t("stockout"), align: "right", sortValue: (r) => r.stockoutHours, render: (r) => f.count(r.stockoutHours) });
  }
  if (kind === "machine" || kind === "location") {
    columns.push({
      key: "uptime",
      label: t("uptime"),
      align: "right",
      sortValue: (r) => r.uptime ?? null,
      render: (r) => (r.uptime === null || r.uptime === undefined ? "–" : f.percent(r.uptime)),
    });
  }
  return (
    <SortableTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.key || "none"}
      initialSort="revenue"
      caption={t(`caption.${kind}`)}
      empty={t("empty")}
      searchLabel={kind === "payment" ? undefined : t(`filter.${kind}`)}
      searchText={kind === "payment" ? undefined : label}
    />
  );
}
