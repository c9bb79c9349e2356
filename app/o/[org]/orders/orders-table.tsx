"use client";

import { useMemo } from "react";
import { LoadMore, type LoadMoreState } from "~/app/_components/load-more";
import { SortHeader, useTableSort } from "~/app/_components/sort-header";
import { tableClasses, theadClasses } from "~/app/_components/table-styles";
import { OrderRow, type Order } from "./order-row";

type SortKey = "time" | "machine" | "product" | "amount" | "status";

const compare: Record<SortKey, (a: Order, b: Order) => number> = {
  time: (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  machine: (a, b) => a.machineName.localeCompare(b.machineName, "en", { sensitivity: "base" }),
  product: (a, b) => a.productName.localeCompare(b.productName, "en", { sensitivity: "base" }),
  amount: (a, b) => a.amountMinor - b.amountMinor,
  status: (a, b) => a.status.localeCompare(b.status),
};

const th = "px-3 py-2 font-medium whitespace-nowrap";

/** The loaded orders, sortable by any column (newest first to start with). */
export function OrdersTable({ orders, more }: { orders: Order[]; more: LoadMoreState }) {
  const { sort, sortBy } = useTableSort<SortKey>("time", "desc");
  const rows = useMemo(() => {
    const sign = sort.direction === "asc" ? 1 : -1;
    return [...orders].sort((a, b) => sign * compare[sort.key](a, b) || compare.time(b, a));
  }, [orders, sort]);
  const header = (key: SortKey, label: string, align?: "right") => (
    <SortHeader label={label} active={sort.key === key} direction={sort.direction} align={align} className="whitespace-nowrap" onSort={() => sortBy(key)} />
  );

  return (
    <section aria-labelledby="orders-heading">
      <h2 id="orders-heading" className="sr-only">
        Online orders
      </h2>
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <table className={tableClasses} aria-labelledby="orders-heading">
          <thead className={theadClasses}>
            <tr>
              {header("time", "Time")}
              {header("machine", "Machine")}
              {header("product", "Product")}
              {header("amount", "Amount", "right")}
              <th scope="col" className={th}>
                Payment
              </th>
              {header("status", "Status")}
              <th scope="col" className={th}>
                Refund
              </th>
              <th scope="col" className={th}>
                Customer
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">Order page</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((order) => (
              <OrderRow key={order.id} order={order} />
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore shown={orders.length} more={more} />
    </section>
  );
}
