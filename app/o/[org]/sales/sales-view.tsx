"use client";

import { Download, LoaderCircle } from "lucide-react";
import { Suspense, useDeferredValue, useMemo } from "react";
import { buttonClasses } from "~/app/_components/ui/button";
import { useOrg } from "~/app/_components/org/org-context";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { RevenueChart } from "./revenue-chart";
import { SalesFilters } from "./sales-filters";
import { salesQueryFrom, salesQueryKeys, salesQueryString, type SalesQuery } from "./sales-query";
import { SalesTable } from "./sales-table";
import { SalesTotals } from "./sales-totals";

/** Filters kept in the URL, then totals, revenue per day and the sales themselves for them. */
export function SalesView() {
  const org = useOrg();
  const [params, updateUrl] = useUrlQuery();
  const queryString = params.toString();
  const query = useMemo(() => salesQueryFrom(new URLSearchParams(queryString)), [queryString]);
  // The figures for the previous filter stay up (dimmed) while the new ones load.
  const shown = useDeferredValue(query);
  const loading = shown !== query;
  const exportQuery = salesQueryString(query);

  // Only the keys that change are written: two quick clicks must not undo each other.
  function change(changes: Partial<SalesQuery>) {
    updateUrl(Object.fromEntries(salesQueryKeys.filter((key) => key in changes).map((key) => [key, changes[key] ?? null])));
  }

  return (
    <div className="space-y-5">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <SalesFilters query={query} onChange={change} />
        <div className="flex shrink-0 items-center gap-2">
          {loading && <LoaderCircle aria-label="Loading" className="size-4 animate-spin text-zinc-400" />}
          <a
            href={`/o/${org.slug}/sales/export.csv${exportQuery ? `?${exportQuery}` : ""}`}
            download
            className={buttonClasses("secondary")}
          >
            <Download aria-hidden />
            Export CSV
          </a>
        </div>
      </div>
      <div aria-busy={loading} className={loading ? "space-y-5 opacity-60 transition-opacity" : "space-y-5"}>
        <SalesTotals query={shown} />
        <Suspense fallback={<Skeleton className="h-52 w-full" />}>
          <RevenueChart query={shown} />
        </Suspense>
        <SalesTable query={shown} />
      </div>
    </div>
  );
}
