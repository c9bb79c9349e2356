"use client";

import { formatCount } from "~/app/_components/labels/numbers";
import { paymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import type { HostStatementLine } from "~/server/hosts/contract";
import { formatMoney } from "~/server/money";

/** The month's sales behind the statement, one row per machine and payment method, sortable and filterable. */
export function StatementLines({ lines, currency }: { lines: HostStatementLine[]; currency: string }) {
  const money = (minor: number) => formatMoney(minor, currency);
  const columns: Column<HostStatementLine>[] = [
    { key: "machine", label: "Machine", sortValue: (l) => l.machineName, render: (l) => l.machineName },
    { key: "method", label: "Payment", sortValue: (l) => paymentMethodLabel(l.paymentMethod), render: (l) => paymentMethodLabel(l.paymentMethod) },
    { key: "units", label: "Units", align: "right", sortValue: (l) => l.units, render: (l) => formatCount(l.units) },
    { key: "gross", label: "Gross", align: "right", sortValue: (l) => l.grossMinor, render: (l) => money(l.grossMinor) },
    { key: "refunds", label: "Refunds", align: "right", sortValue: (l) => l.refundsMinor, render: (l) => money(l.refundsMinor) },
    { key: "vat", label: "VAT", align: "right", sortValue: (l) => l.vatMinor, render: (l) => money(l.vatMinor) },
    { key: "net", label: "Net", align: "right", sortValue: (l) => l.netMinor, render: (l) => money(l.netMinor) },
  ];
  return (
    <SortableTable
      rows={lines}
      columns={columns}
      rowKey={(l) => `${l.machineId}:${l.paymentMethod}`}
      initialSort="gross"
      caption="Sales by machine and payment method"
      empty="No sales at this place in the month."
      searchLabel={lines.length > 6 ? "Filter by machine" : undefined}
      searchText={lines.length > 6 ? (l) => `${l.machineName} ${paymentMethodLabel(l.paymentMethod)}` : undefined}
    />
  );
}
