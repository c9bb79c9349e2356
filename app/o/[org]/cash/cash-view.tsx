"use client";

import clsx from "clsx";
import { Download, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { Tabs } from "radix-ui";
import { Suspense, useDeferredValue, useMemo } from "react";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useOrg } from "~/app/_components/org/org-context";
import { buttonClasses } from "~/app/_components/ui/button";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { hasRole } from "~/server/tenancy/contract";
import { CashFilters } from "./cash-filters";
import { CashHeadline } from "./cash-headline";
import { cashQueryFrom, cashQueryKeys, cashQueryString, cashViewFrom, type CashQuery, type CashView as View } from "./cash-query";
import { MonthSummary, RouteSummary, TechnicianSummary } from "./cash-summary-tables";
import { CashTrend } from "./cash-trend";
import { CollectionsTable } from "./collections-table";
import { MachinesExpected } from "./machines-expected";
import { RecordCountDialog } from "./record-count-dialog";

/** The tabs, in order; each is named by `cash.view.<view>`. */
const tabs: readonly View[] = ["collections", "technicians", "routes", "months", "machines"];

const tabClasses = clsx(
  "-mb-px shrink-0 border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
  "data-[state=active]:border-brand-600 data-[state=active]:text-zinc-900 dark:data-[state=active]:border-brand-500 dark:data-[state=active]:text-zinc-50",
);

/** The headline figures and the weekly trend, then the filter (kept in the URL) and a tab per view of the collections. */
export function CashView() {
  const t = useTranslations("cash.view");
  const org = useOrg();
  const [params, updateUrl] = useUrlQuery();
  const queryString = params.toString();
  const query = useMemo(() => cashQueryFrom(new URLSearchParams(queryString)), [queryString]);
  const view = cashViewFrom(new URLSearchParams(queryString));
  // The rows for the previous filter stay up (dimmed) while the new ones load.
  const shown = useDeferredValue(query);
  const loading = shown !== query;
  const exportQuery = cashQueryString(query);

  // Only the keys that change are written: two quick clicks must not undo each other.
  function change(changes: Partial<CashQuery>) {
    updateUrl(Object.fromEntries(cashQueryKeys.filter((key) => key in changes).map((key) => [key, changes[key] ?? null])));
  }

  return (
    <div className="space-y-5">
      <CashHeadline />
      <Suspense fallback={<Skeleton className="h-52 w-full" />}>
        <CashTrend />
      </Suspense>
      <Tabs.Root value={view} onValueChange={(v) => updateUrl({ view: v === "collections" ? null : v })}>
        <div className="flex flex-col gap-3 border-b border-zinc-200 lg:flex-row lg:items-end lg:justify-between dark:border-zinc-800">
          <Tabs.List aria-label={t("tabs")} className="-mb-px flex overflow-x-auto">
            {tabs.map((tab) => (
              <Tabs.Trigger key={tab} value={tab} className={tabClasses}>
                {t(tab)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <div className="flex shrink-0 items-center gap-2 pb-2">
            {loading && <LoaderCircle aria-label={t("loading")} className="size-4 animate-spin text-zinc-500" />}
            {hasRole(org.role, "manager") && <RecordCountDialog />}
            <a href={`/o/${org.slug}/cash/export.csv${exportQuery ? `?${exportQuery}` : ""}`} download className={buttonClasses("secondary")}>
              <Download aria-hidden />
              {t("export")}
            </a>
          </div>
        </div>
        {view !== "machines" && (
          <div className="mt-4">
            <CashFilters query={query} onChange={change} />
          </div>
        )}
        <div aria-busy={loading} className={clsx("mt-4", loading && "opacity-60 transition-opacity")}>
          <Suspense fallback={<TableSkeleton rows={8} className="" />}>
            <Tabs.Content value="collections">
              <CollectionsTable query={shown} />
            </Tabs.Content>
            <Tabs.Content value="technicians">
              <TechnicianSummary query={shown} />
            </Tabs.Content>
            <Tabs.Content value="routes">
              <RouteSummary query={shown} />
            </Tabs.Content>
            <Tabs.Content value="months">
              <MonthSummary query={shown} />
            </Tabs.Content>
            <Tabs.Content value="machines">
              <MachinesExpected />
            </Tabs.Content>
          </Suspense>
        </div>
      </Tabs.Root>
    </div>
  );
}
