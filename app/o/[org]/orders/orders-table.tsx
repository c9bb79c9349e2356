"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable, type DataColumn } from "~/app/_components/ui/data-table";
import { LoadMore, type LoadMoreState } from "~/app/_components/ui/load-more";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { OrderRow, type Order } from "./order-row";

type SortKey = "time" | "machine" | "product" | "amount" | "status";

const compare: Record<SortKey, (a: Order, b: Order) => number> = {
  time: (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  machine: (a, b) => a.machineName.localeCompare(b.machineName, "en", { sensitivity: "base" }),
  product: (a, b) => a.productName.localeCompare(b.productName, "en", { sensitivity: "base" }),
  amount: (a, b) => a.amountMinor - b.amountMinor,
  status: (a, b) => a.status.localeCompare(b.status),
};

/** The loaded orders, sortable by any column (newest first to start with). */
export function OrdersTable({ orders, more }: { orders: Order[]; more: LoadMoreState }) {
  const t = useTranslations("orders.table");
  const { sort, sortBy } = useTableSort<SortKey>("time", "desc");
  const rows = useMemo(() => {
    const sign = sort.direction === "asc" ? 1 : -1;
    return [...orders].sort((a, b) => sign * compare[sort.key](a, b) || compare.time(b, a));
  }, [orders, sort]);
  const sortable = (key: SortKey, label: string, align?: "right"): DataColumn => ({
    label,
    header: <SortHeader label={label} active={sort.key === key} direction={sort.direction} align={align} className="whitespace-nowrap" onSort={() => sortBy(key)} />,
  });
  const columns: DataColumn[] = [
    sortable("time", t("time")),
    sortable("machine", t("machine")),
    sortable("product", t("product")),
    sortable("amount", t("amount"), "right"),
    { label: t("payment") },
    sortable("status", t("status")),
    { label: t("refund") },
    { label: t("customer") },
    { label: t("orderPage"), srOnly: true },
  ];

  return (
    <DataTable headingId="orders-heading" heading={t("heading")} headingClassName="sr-only" columns={columns} footer={<LoadMore shown={orders.length} more={more} />}>
      {rows.map((order) => (
        <OrderRow key={order.id} order={order} />
      ))}
    </DataTable>
  );
}
