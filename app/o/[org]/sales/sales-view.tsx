"use client";

import { Download, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { Suspense, useDeferredValue, useMemo } from "react";
import { phoneHiddenClasses } from "~/app/_components/ui/card-list";
import { buttonClasses } from "~/app/_components/ui/button";
import { useOrg } from "~/app/_components/org/org-context";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { ColumnChooser, useHiddenSaleColumns } from "./column-chooser";
import { RevenueChart } from "./revenue-chart";
import { SalesFilters } from "./sales-filters";
import { ALL_TIME, salesCompareFrom, salesQueryFrom, salesQueryKeys, salesQueryString, type SalesQuery } from "./sales-query";
import { SalesTable } from "./sales-table";
import { SalesTotals } from "./sales-totals";

/** Filters kept in the URL, then totals, revenue per day and the sales themselves for them. */
export function SalesView() {
  const t = useTranslations("sales.view");
  const org = useOrg();
  const [params, updateUrl] = useUrlQuery();
  const queryString = params.toString();
  const view = useMemo(() => {
    const search = new URLSearchParams(queryString);
    const query = salesQueryFrom(search);
    return { query, compare: salesCompareFrom(search, query) };
  }, [queryString]);
  const { query } = view;
  // The figures for the previous filter stay up (dimmed) while the new ones load.
  const shown = useDeferredValue(view);
  const loading = shown !== view;
  const exportQuery = salesQueryString(query);
  const [hidden, toggleColumn] = useHiddenSaleColumns();
  const filtered = salesQueryKeys.some((key) => key !== "from" && key !== "to" && shown.query[key]) ? "more" : shown.query.from || shown.query.to ? "range" : "none";

  // Only the keys that change are written: two quick clicks must not undo each other.
  function change(changes: Partial<SalesQuery>) {
    const writes: Record<string, string | null> = Object.fromEntries(salesQueryKeys.filter((key) => key in changes).map((key) => [key, changes[key] ?? null]));
    if ("from" in changes || "to" in changes) {
      const from = "from" in changes ? changes.from : query.from;
      const to = "to" in changes ? changes.to : query.to;
      // No range at all is said out loud; an address without one opens on the default.
      writes[ALL_TIME.key] = from || to ? null : ALL_TIME.value;
    }
    updateUrl(writes);
  }

  return (
    <div className="space-y-5">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <SalesFilters query={query} onChange={change} compare={view.compare ?? null} onCompare={(compare) => updateUrl({ compare })} />
        <div className="flex shrink-0 items-center gap-2">
          {loading && <LoaderCircle aria-label={t("loading")} className="size-4 animate-spin text-zinc-500" />}
          {/* Phones show cards, which keep every fact. */}
          <span className={phoneHiddenClasses}>
            <ColumnChooser hidden={hidden} onToggle={toggleColumn} />
          </span>
          <a
            href={`/o/${org.slug}/sales/export.csv${exportQuery ? `?${exportQuery}` : ""}`}
            download
            className={buttonClasses("secondary")}
          >
            <Download aria-hidden />
            {t("export")}
          </a>
        </div>
      </div>
      <div aria-busy={loading} className={loading ? "space-y-5 opacity-60 transition-opacity" : "space-y-5"}>
        <SalesTotals query={shown.query} compare={shown.compare} />
        <Suspense fallback={<Skeleton className="h-52 w-full" />}>
          <RevenueChart query={shown.query} compare={shown.compare} />
        </Suspense>
        <SalesTable query={shown.query} filtered={filtered} />
      </div>
    </div>
  );
}
