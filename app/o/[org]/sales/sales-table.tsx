"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Receipt } from "lucide-react";
import { useTranslations } from "next-intl";
import { CardList } from "~/app/_components/ui/card-list";
import { DataTable, type DataColumn } from "~/app/_components/ui/data-table";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { LoadMore, loadMoreOf } from "~/app/_components/ui/load-more";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { hasRole } from "~/server/tenancy/contract";
import { useHiddenSaleColumns } from "./column-chooser";
import { SaleCard } from "./sale-card";
import { saleColumns } from "./sales-columns";
import { SaleRow } from "./sale-row";
import { salesListInput, salesPageOptions, type SalesQuery } from "./sales-query";

/** The sales for the filter, newest first, 50 at a time ("Load more"). */
export function SalesTable({ query, filtered }: { query: SalesQuery; filtered: "none" | "range" | "more" }) {
  const t = useTranslations("sales");
  const org = useOrg();
  const trpc = useTRPC();
  const list = useSuspenseInfiniteQuery(trpc.sales.list.infiniteQueryOptions(salesListInput(org.id, query), salesPageOptions));
  const sales = list.data.pages.flatMap((p) => p.sales);
  const manager = hasRole(org.role, "manager");
  const [hidden] = useHiddenSaleColumns();

  if (sales.length === 0) {
    return (
      <EmptyState icon={<Receipt />} title={filtered === "more" ? t("table.emptyMatch") : filtered === "range" ? t("table.emptyRange") : t("table.emptyNone")}>
        {filtered === "more" ? t("table.emptyMatchBody") : filtered === "range" ? t("table.emptyRangeBody") : t("table.emptyNoneBody")}
      </EmptyState>
    );
  }

  const columns: DataColumn[] = [
    ...saleColumns.filter((c) => !hidden.has(c.id)).map((c): DataColumn => ({ label: t(`columns.${c.id}`), ...("align" in c ? { align: c.align } : {}) })),
    { label: t("columns.actions"), srOnly: true, when: manager },
  ];

  return (
    <DataTable
      headingId="sales-heading"
      heading={t.rich("table.heading", { muted: (chunks) => <span className="font-normal text-zinc-500 dark:text-zinc-400">{chunks}</span> })}
      columns={columns}
      footer={<LoadMore shown={sales.length} more={loadMoreOf(list)} />}
      cards={
        <CardList label={t("table.cards")}>
          {sales.map((sale) => (
            <SaleCard key={sale.id} sale={sale} manager={manager} />
          ))}
        </CardList>
      }
    >
      {sales.map((sale) => (
        <SaleRow key={sale.id} sale={sale} manager={manager} hidden={hidden} />
      ))}
    </DataTable>
  );
}
