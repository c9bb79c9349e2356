"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Receipt } from "lucide-react";
import { CardList } from "~/app/_components/ui/card-list";
import { DataTable, type DataColumn } from "~/app/_components/ui/data-table";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { LoadMore, loadMoreOf } from "~/app/_components/ui/load-more";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { hasRole } from "~/server/tenancy/contract";
import { SaleCard } from "./sale-card";
import { SaleRow } from "./sale-row";
import { salesListInput, salesPageOptions, type SalesQuery } from "./sales-query";

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

  const columns: DataColumn[] = [
    { label: "Time" },
    { label: "Machine" },
    { label: "Location" },
    { label: "Slot" },
    { label: "Product" },
    { label: "Payment" },
    { label: "Amount", align: "right" },
    { label: "Status" },
    { label: "Refund" },
    { label: "Actions", srOnly: true, when: manager },
  ];

  return (
    <DataTable
      headingId="sales-heading"
      heading={
        <>
          Sales <span className="font-normal text-zinc-500 dark:text-zinc-400">· newest first</span>
        </>
      }
      columns={columns}
      footer={<LoadMore shown={sales.length} more={loadMoreOf(list)} />}
      cards={
        <CardList label="Sales">
          {sales.map((sale) => (
            <SaleCard key={sale.id} sale={sale} manager={manager} />
          ))}
        </CardList>
      }
    >
      {sales.map((sale) => (
        <SaleRow key={sale.id} sale={sale} manager={manager} />
      ))}
    </DataTable>
  );
}
