"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { MapPin, Pencil } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useFormat } from "~/app/_components/i18n/format";
import { Button } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useOrg } from "~/app/_components/org/org-context";
import { SearchInput } from "~/app/_components/ui/search-input";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import { hasRole } from "~/server/tenancy/contract";
import { LocationDialog, type LocationRow } from "./location-dialog";
import { intlLocale } from "~/server/i18n/locales";
import { useLocationKindLabel } from "./location-kinds";

type SortKey = "name" | "kind" | "address" | "machines" | "revenueToday" | "revenue7d" | "cash";

type Compare = (a: LocationRow, b: LocationRow) => number;

/** The table's orders, with names and kinds compared as the reader's language sorts them. */
function comparisons(collator: Intl.Collator, kindLabel: ReturnType<typeof useLocationKindLabel>): Record<SortKey, Compare> {
  return {
    name: (a, b) => collator.compare(a.name, b.name),
    kind: (a, b) => collator.compare(kindLabel(a.kind), kindLabel(b.kind)),
    address: (a, b) => collator.compare(a.address, b.address),
    machines: (a, b) => a.machineCount - b.machineCount,
    revenueToday: (a, b) => a.revenueTodayMinor - b.revenueTodayMinor,
    revenue7d: (a, b) => a.revenue7dMinor - b.revenue7dMinor,
    cash: (a, b) => a.expectedCashMinor - b.expectedCashMinor,
  };
}

const muted = "text-zinc-500 dark:text-zinc-400";

/** The org's locations: search, sort, machines at each (linking to the filtered fleet), edit. */
export function LocationsTable() {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: locations } = useSuspenseQuery(trpc.locations.list.queryOptions({ orgId: org.id }));
  const [search, setSearch] = useState("");
  const { sort, sortBy } = useTableSort<SortKey>("name");
  const manager = hasRole(org.role, "manager");
  const t = useTranslations("locations.list");
  const f = useFormat();
  const locale = useLocale();
  const kindLabel = useLocationKindLabel();

  const rows = useMemo(() => {
    const compare = comparisons(new Intl.Collator(intlLocale(locale), { sensitivity: "base" }), kindLabel);
    const needle = search.trim().toLowerCase();
    const sign = sort.direction === "asc" ? 1 : -1;
    return locations
      .filter((l) => !needle || l.name.toLowerCase().includes(needle) || l.address.toLowerCase().includes(needle))
      .sort((a, b) => sign * compare[sort.key](a, b) || compare.name(a, b));
  }, [locations, search, sort, locale, kindLabel]);

  if (locations.length === 0) {
    return (
      <EmptyState
        icon={<MapPin />}
        title={manager ? t("emptyManagerTitle") : t("emptyTitle")}
        action={
          manager && (
            <LocationDialog
              trigger={
                <Button variant="primary">
                  <MapPin aria-hidden />
                  {t("add")}
                </Button>
              }
            />
          )
        }
      >
        {t("empty")}
      </EmptyState>
    );
  }

  const header = (key: SortKey, label: string, className?: string, align?: "right") => (
    <SortHeader
      label={label}
      active={sort.key === key}
      direction={sort.direction}
      align={align}
      className={className}
      onSort={() => sortBy(key)}
    />
  );

  return (
    <section aria-labelledby="locations-heading">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2 id="locations-heading" className="mr-auto text-sm font-semibold">
          {t.rich("count", { count: locations.length, n: (chunks) => <span className="tabular">{chunks}</span> })}
          {rows.length !== locations.length && (
            <span className="ml-1.5 font-normal text-zinc-500 dark:text-zinc-400">
              {t.rich("showing", { count: rows.length, n: (chunks) => <span className="tabular">{chunks}</span> })}
            </span>
          )}
        </h2>
        <SearchInput label={t("search")} value={search} onChange={setSearch} placeholder={t("searchPlaceholder")} className="w-full sm:w-64" />
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <table className={tableClasses} aria-labelledby="locations-heading">
          <thead className={theadClasses}>
            <tr>
              {header("name", t("name"))}
              {header("kind", t("kind"))}
              {header("address", t("address"))}
              {header("machines", t("machines"), undefined, "right")}
              {header("revenueToday", t("today"), "whitespace-nowrap", "right")}
              {header("revenue7d", t("sevenDays"), "whitespace-nowrap", "right")}
              {header("cash", t("cash"), "whitespace-nowrap", "right")}
              <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {t("coordinates")}
              </th>
              {manager && (
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.id} className={rowClasses}>
                <td className={clsx(cellClasses, "font-medium whitespace-nowrap")}>
                  <Link href={`/o/${org.slug}/locations/${l.id}`} className="text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100 dark:hover:text-brand-500">
                    {l.name}
                  </Link>
                </td>
                <td className={clsx(cellClasses, "text-zinc-600 dark:text-zinc-400")}>{kindLabel(l.kind)}</td>
                <td className={clsx(cellClasses, "min-w-48 text-zinc-600 dark:text-zinc-400")}>{l.address || <span className={muted}>—</span>}</td>
                <td className={clsx(cellClasses, "text-right")}>
                  <Link
                    href={`/o/${org.slug}/machines?location=${l.id}`}
                    aria-label={t("machinesAt", { count: l.machineCount, name: l.name })}
                    className="tabular font-medium text-brand-600 hover:underline dark:text-brand-500"
                  >
                    {l.machineCount}
                  </Link>
                </td>
                <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap", l.revenueTodayMinor === 0 ? muted : "text-zinc-700 dark:text-zinc-300")}>
                  {f.money(l.revenueTodayMinor, l.currency)}
                </td>
                <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap", l.revenue7dMinor === 0 ? muted : "text-zinc-700 dark:text-zinc-300")}>
                  {f.money(l.revenue7dMinor, l.currency)}
                </td>
                <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap", l.expectedCashMinor === 0 ? muted : "text-zinc-700 dark:text-zinc-300")}>
                  {f.money(l.expectedCashMinor, l.currency)}
                </td>
                <td className={clsx(cellClasses, "tabular font-mono text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
                  {l.latitude !== null && l.longitude !== null ? (
                    `${f.decimal(l.latitude, 4, true)}, ${f.decimal(l.longitude, 4, true)}`
                  ) : (
                    <span className={muted}>—</span>
                  )}
                </td>
                {manager && (
                  <td className={clsx(cellClasses, "text-right")}>
                    <LocationDialog
                      location={l}
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={t("editName", { name: l.name })}>
                          <Pencil aria-hidden />
                          <span className="hidden sm:inline">{t("edit")}</span>
                        </Button>
                      }
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <EmptyState icon={<MapPin />} title={t("noMatchTitle")} className="m-4 border-0">
            {t("noMatch")}
          </EmptyState>
        )}
      </div>
    </section>
  );
}
