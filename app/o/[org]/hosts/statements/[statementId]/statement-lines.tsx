"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { paymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import type { HostStatementLine } from "~/server/hosts/contract";

/** The month's sales behind the statement, one row per machine and payment method, sortable and filterable. */
export function StatementLines({ lines, currency }: { lines: HostStatementLine[]; currency: string }) {
  const t = useTranslations("hosts.lines");
  const f = useFormat();
  const money = (minor: number) => f.money(minor, currency);
  const columns: Column<HostStatementLine>[] = [
    { key: "machine", label: t("machine"), sortValue: (l) => l.machineName, render: (l) => l.machineName },
    { key: "method", label: t("payment"), sortValue: (l) => paymentMethodLabel(l.paymentMethod), render: (l) => paymentMethodLabel(l.paymentMethod) },
    { key: "units", label: t("units"), align: "right", sortValue: (l) => l.units, render: (l) => f.count(l.units) },
    { key: "gross", label: t("gross"), align: "right", sortValue: (l) => l.grossMinor, render: (l) => money(l.grossMinor) },
    { key: "refunds", label: t("refunds"), align: "right", sortValue: (l) => l.refundsMinor, render: (l) => money(l.refundsMinor) },
    { key: "vat", label: t("vat"), align: "right", sortValue: (l) => l.vatMinor, render: (l) => money(l.vatMinor) },
    { key: "net", label: t("net"), align: "right", sortValue: (l) => l.netMinor, render: (l) => money(l.netMinor) },
  ];
  return (
    <SortableTable
      rows={lines}
      columns={columns}
      rowKey={(l) => `${l.machineId}:${l.paymentMethod}`}
      initialSort="gross"
      caption={t("caption")}
      empty={t("empty")}
      searchLabel={lines.length > 6 ? t("filter") : undefined}
      searchText={lines.length > 6 ? (l) => `${l.machineName} ${paymentMethodLabel(l.paymentMethod)}` : undefined}
    />
  );
}
