"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Receipt } from "lucide-react";
import { EmptyState } from "~/app/_components/empty-state";
import { LoadMore, loadMoreOf } from "~/app/_components/load-more";
import { useOrg } from "~/app/_components/org-context";
import { tableClasses, theadClasses } from "~/app/_components/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import { hasRole } from "~/server/tenancy/roles";
import { SaleRow } from "./sale-row";
import { salesListInput, salesPageOptions, type SalesQuery } from "./sales-query";

const th = "px-3 py-2 font-medium whitespace-nowrap";

/** The sales for the filter, newest first, 50 at a time ("Load more"). */
export function SalesTable({ query }: { query: SalesQuery }) {
  const org = useOrg();
  const trpc = useTRPC();
  const list = useSuspenseInfiniteQuery(trpc.sales.list.infiniteQueryOptions(salesListInput(org.id, query), salesPageOptions));
  const sales = list.data.pages.flatMap((p) => p.sales);
  const filtered = Object.keys(query).length > 0;
  const manager = hasRole(org.role, "manager");

  if (sales.length === 0) {
    return (
      <EmptyState icon={<Receipt />} title={filtered ? "No sales match" : "No sales yet"}>
        {filtered
          ? "Widen the date range or remove a filter."
          : "Sales appear here as machines report vends. Register a machine and set its planogram to get started."}
      </EmptyState>
    );
  }

  return (
    <section aria-labelledby="sales-heading">
      <h2 id="sales-heading" className="mb-2 text-sm font-semibold">
        Sales <span className="font-normal text-zinc-500 dark:text-zinc-400">· newest first</span>
      </h2>
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <table className={tableClasses} aria-labelledby="sales-heading">
          <thead className={theadClasses}>
            <tr>
              <th scope="col" className={th}>
                Time
              </th>
              <th scope="col" className={th}>
                Machine
              </th>
              <th scope="col" className={th}>
                Location
              </th>
              <th scope="col" className={th}>
                Slot
              </th>
              <th scope="col" className={th}>
                Product
              </th>
              <th scope="col" className={th}>
                Payment
              </th>
              <th scope="col" className={`${th} text-right`}>
                Amount
              </th>
              <th scope="col" className={th}>
                Status
              </th>
              <th scope="col" className={th}>
                Refund
              </th>
              {manager && (
                <th scope="col" className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sales.map((sale) => (
              <SaleRow key={sale.id} sale={sale} manager={manager} />
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore shown={sales.length} more={loadMoreOf(list)} />
    </section>
  );
}
