"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { ShoppingBag } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { purchaseStatuses, useStatusWords } from "~/app/_components/consumer/purchase-status";
import { LoadMore, loadMoreOf } from "~/app/_components/ui/load-more";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { PurchaseCard, PurchaseRow } from "./purchase-row";
import { purchasesInput, purchasesPageOptions, shownPurchases, sorts, type SortKey } from "./purchases-query";

const columns = ["date", "product", "machine", "location", "amount", "method", "status", "refund"] as const;

/**
 * The consumption bill: purchases a page at a time ("Load more"), filtered by operator and status
 * and sorted by date or amount, as a table on wide screens and cards on phones. Filters live in the
 * URL and apply to the purchases loaded so far.
 */
export function PurchasesBill() {
  const t = useTranslations("consumer.me.purchases");
  const statusWords = useStatusWords();
  const trpc = useTRPC();
  const query = useSuspenseInfiniteQuery(trpc.consumer.purchases.infiniteQueryOptions(purchasesInput, purchasesPageOptions));
  const [params, setParams] = useUrlQuery();
  const filter = { operator: params.get("operator") ?? "", status: params.get("status") ?? "", sort: params.get("sort") ?? "newest" };
  const all = query.data.pages.flatMap((page) => page.purchases);
  const operators = [...new Map(all.map((p) => [p.orgId, p.operator])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const shown = shownPurchases(all, filter);

  if (all.length === 0) {
    return (
      <EmptyState icon={<ShoppingBag />} title={t("emptyTitle")} className="bg-white dark:bg-zinc-900/40">
        {t("emptyBody")}
      </EmptyState>
    );
  }

  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end" role="group" aria-label={t("filterAndSort")}>
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          {t("operator")}
          <NativeSelect value={filter.operator} onChange={(e) => setParams({ operator: e.target.value })} className="w-full sm:w-44">
            <option value="">{t("allOperators")}</option>
            {operators.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          {t("status")}
          <NativeSelect value={filter.status} onChange={(e) => setParams({ status: e.target.value })} className="w-full sm:w-44">
            <option value="">{t("allStatuses")}</option>
            {purchaseStatuses.map((status) => (
              <option key={status} value={status}>
                {statusWords("purchase", status).label}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          {t("sortBy")}
          <NativeSelect value={filter.sort} onChange={(e) => setParams({ sort: e.target.value === "newest" ? null : e.target.value })} className="w-full sm:w-44">
            {(Object.keys(sorts) as SortKey[]).map((key) => (
              <option key={key} value={key}>
                {t(`sorts.${key}`)}
              </option>
            ))}
          </NativeSelect>
        </label>
      </div>

      {shown.length === 0 ? (
        <EmptyState
          title={t("noMatchTitle")}
          action={
            <Button onClick={() => setParams({ operator: null, status: null })}>{t("showAll")}</Button>
          }
        >
          {query.hasNextPage ? t("notLoaded") : t("clearFilters")}
        </EmptyState>
      ) : (
        <>
          <div className="hidden overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs md:block dark:border-zinc-800 dark:bg-zinc-900/60">
            <table className={tableClasses} aria-label={t("list")}>
              <thead className={theadClasses}>
                <tr>
                  {columns.map((c) => (
                    <th key={c} scope="col" className={`px-3 py-2 font-medium ${c === "amount" ? "text-right" : ""}`}>
                      {t(`columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <PurchaseRow key={p.id} purchase={p} />
                ))}
              </tbody>
            </table>
          </div>
          <ul className="space-y-2 md:hidden" aria-label={t("list")}>
            {shown.map((p) => (
              <PurchaseCard key={p.id} purchase={p} />
            ))}
          </ul>
        </>
      )}

      <LoadMore shown={shown.length} more={loadMoreOf(query)} />
    </div>
  );
}
