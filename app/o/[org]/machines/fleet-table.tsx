"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { LoaderCircle, Plus, Refrigerator, SearchX } from "lucide-react";
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useDeferredValue, useEffect, useMemo, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { CardList, phoneHiddenClasses } from "~/app/_components/ui/card-list";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { MultiFilterChip } from "~/app/_components/ui/multi-filter-chip";
import { useOrg } from "~/app/_components/org/org-context";
import { SearchInput } from "~/app/_components/ui/search-input";
import { SortHeader } from "~/app/_components/ui/sort-header";
import { SortSelect } from "~/app/_components/ui/sort-select";
import { tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { hasRole } from "~/server/tenancy/contract";
import { LIVE_REFRESH_MS, firstDirection, fleetListInput, fleetQueryFrom, type FleetSort } from "./fleet-query";
import { useFleetStatusOptions } from "./fleet-status";
import { MachineCard } from "./machine-card";
import { MachineRow } from "./machine-row";
import { RegisterMachineDialog } from "./register-machine-dialog";

const headerClasses = "px-3 py-2 font-medium whitespace-nowrap";
// The sorts the phone's select offers, each with its label under `machines.fields`.
const sortFields = {
  name: "name",
  status: "status",
  lastSeen: "lastSeen",
  location: "location",
  fill: "fill",
  faults: "openFaults",
  revenueToday: "revenueToday",
  revenue7d: "revenue7d",
  lastSale: "lastSale",
  sinceService: "daysSinceService",
  cash: "cash",
} as const satisfies Record<FleetSort, string>;

/** The fleet: search, status and location filters, server-side sorting, live every 15 seconds. */
export function FleetTable() {
  const org = useOrg();
  const trpc = useTRPC();
  const t = useTranslations("machines");
  const statusOptions = useFleetStatusOptions();
  const sortOptions = (Object.keys(sortFields) as FleetSort[]).map((key) => ({ key, label: t(`fields.${sortFields[key]}`) }));
  const [params, updateUrl] = useUrlQuery();
  const queryString = params.toString();
  const query = useMemo(() => fleetQueryFrom(new URLSearchParams(queryString)), [queryString]);
  // While a new filter loads, the current rows stay on screen (dimmed) instead of a skeleton.
  const shown = useDeferredValue(query);
  const { data: machines } = useSuspenseQuery(
    trpc.machines.list.queryOptions(fleetListInput(org.id, shown), { refetchInterval: LIVE_REFRESH_MS }),
  );
  const { data: locations } = useSuspenseQuery(trpc.locations.list.queryOptions({ orgId: org.id }));
  const [search, setSearch] = useState(query.search);

  // The search box writes to the URL once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (search.trim() !== query.search) updateUrl({ q: search.trim() || null });
    }, 250);
    return () => clearTimeout(timer);
  }, [search, query.search, updateUrl]);

  const locationOptions = useMemo(() => locations.map((l) => ({ value: l.id, label: l.name })), [locations]);
  const filtered = query.search !== "" || query.status.length > 0 || query.locationId !== null;
  const loading = shown !== query;

  const sortBy = (key: FleetSort) =>
    updateUrl({
      sort: key === "name" ? null : key,
      dir: (query.sort === key ? (query.direction === "asc" ? "desc" : "asc") : firstDirection[key]) === "desc" ? "desc" : null,
    });
  const header = (key: FleetSort, label: string, align?: "right") => (
    <SortHeader
      label={label}
      active={query.sort === key}
      direction={query.direction}
      onSort={() => sortBy(key)}
      align={align}
      className="whitespace-nowrap"
    />
  );

  if (machines.length === 0 && !filtered && !loading) {
    return (
      <EmptyState
        icon={<Refrigerator />}
        title={hasRole(org.role, "manager") ? t("list.emptyManagerTitle") : t("list.emptyTitle")}
        action={
          hasRole(org.role, "manager") && (
            <RegisterMachineDialog
              trigger={
                <Button variant="primary">
                  <Plus aria-hidden />
                  {t("list.register")}
                </Button>
              }
            />
          )
        }
      >
        {hasRole(org.role, "manager") ? t("list.emptyManager") : t("list.emptyViewer")}
      </EmptyState>
    );
  }

  return (
    <section aria-labelledby="fleet-heading">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2 id="fleet-heading" className="mr-auto flex items-center gap-2 text-sm font-semibold">
          <span>
            {t.rich("list.count", { count: machines.length, n: (chunks) => <span className="tabular">{chunks}</span> })}
            {filtered && <span className="ml-1 font-normal text-zinc-500 dark:text-zinc-400">{t("list.match")}</span>}
          </span>
          {loading ? (
            <LoaderCircle aria-label={t("list.loading")} className="size-4 animate-spin text-zinc-500" />
          ) : (
            <span className="inline-flex items-center gap-1.5 text-xs font-normal text-zinc-500 dark:text-zinc-400" title={t("list.refreshes")}>
              <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-emerald-500" />
              {t("list.live")}
            </span>
          )}
        </h2>
        <MultiFilterChip
          label={t("fields.status")}
          values={query.status}
          options={statusOptions}
          onChange={(status) => updateUrl({ status: status.join(",") || null })}
        />
        {locationOptions.length > 0 && (
          <FilterChip
            label={t("fields.location")}
            value={query.locationId}
            options={locationOptions}
            onChange={(location) => updateUrl({ location })}
          />
        )}
        <SearchInput label={t("list.search")} value={search} onChange={setSearch} placeholder={t("list.searchPlaceholder")} className="w-full sm:w-64" />
        {machines.length > 1 && (
          <SortSelect
            options={sortOptions}
            sort={query.sort}
            direction={query.direction}
            onSortBy={(key) => updateUrl({ sort: key === "name" ? null : key, dir: firstDirection[key] === "desc" ? "desc" : null })}
            onReverse={() => updateUrl({ dir: query.direction === "asc" ? "desc" : null })}
          />
        )}
      </div>
      {machines.length > 0 && (
        <CardList label={t("list.title")} className={loading ? "opacity-60 transition-opacity" : undefined}>
          {machines.map((machine) => (
            <MachineCard key={machine.id} machine={machine} />
          ))}
        </CardList>
      )}
      <div
        aria-busy={loading}
        className={clsx("relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60", machines.length > 0 && phoneHiddenClasses)}
      >
        <table className={clsx(tableClasses, "hidden sm:table")} aria-labelledby="fleet-heading">
          <thead className={theadClasses}>
            <tr>
              {header("name", t("fields.machine"))}
              {header("status", t("fields.status"))}
              {header("lastSeen", t("fields.lastSeen"))}
              {header("location", t("fields.location"))}
              {header("fill", t("fields.fill"))}
              <th scope="col" className={`${headerClasses} text-right`}>
                {t("fields.emptySlots")}
              </th>
              {header("faults", t("fields.openFaults"), "right")}
              <th scope="col" className={`${headerClasses} text-right`}>
                {t("fields.temperature")}
              </th>
              {header("revenueToday", t("fields.today"), "right")}
              {header("revenue7d", t("fields.sevenDays"), "right")}
              <th scope="col" className={`${headerClasses} text-right`} title={t("fields.sinceVisitTitle")}>
                {t("fields.sinceVisit")}
              </th>
              {header("lastSale", t("fields.lastSale"))}
              {header("sinceService", t("fields.sinceService"), "right")}
              {header("cash", t("fields.cash"), "right")}
            </tr>
          </thead>
          <tbody className={loading ? "opacity-60 transition-opacity" : undefined}>
            {machines.map((machine) => (
              <MachineRow key={machine.id} machine={machine} />
            ))}
          </tbody>
        </table>
        {machines.length === 0 && (
          <EmptyState
            icon={<SearchX />}
            title={t("list.noMatchTitle")}
            className="m-4 border-0"
            action={
              <Button
                size="sm"
                onClick={() => {
                  setSearch("");
                  updateUrl({ q: null, status: null, location: null });
                }}
              >
                {t("list.clearFilters")}
              </Button>
            }
          >
            {t("list.noMatch")}
          </EmptyState>
        )}
      </div>
    </section>
  );
}
