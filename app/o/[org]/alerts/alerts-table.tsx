"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { BellOff, LoaderCircle } from "lucide-react";
import { useDeferredValue, useMemo } from "react";
import { CardList, phoneHiddenClasses } from "~/app/_components/ui/card-list";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { MultiFilterChip } from "~/app/_components/ui/multi-filter-chip";
import { useOrg } from "~/app/_components/org/org-context";
import { SortHeader } from "~/app/_components/ui/sort-header";
import { SortSelect } from "~/app/_components/ui/sort-select";
import { tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { AlertCard } from "./alert-card";
import { AlertRow } from "./alert-row";
import { ALERTS_REFRESH_MS, alertsListInput, alertsQueryFrom, ruleOptions, severityOptions, stateOptions, type AlertSort } from "./alerts-query";

const sortOptions = [
  { key: "lastSeenAt", label: "Last seen" },
  { key: "firstSeenAt", label: "First seen" },
  { key: "severity", label: "Severity" },
  { key: "machine", label: "Machine" },
  { key: "count", label: "Count" },
] as const satisfies readonly { key: AlertSort; label: string }[];

/** The alerts inbox: filters as chips in the URL, server-side sorting, live. */
export function AlertsTable() {
  const org = useOrg();
  const trpc = useTRPC();
  const [params, updateUrl] = useUrlQuery();
  const queryString = params.toString();
  const query = useMemo(() => alertsQueryFrom(new URLSearchParams(queryString)), [queryString]);
  const shown = useDeferredValue(query);
  const { data: alerts } = useSuspenseQuery(trpc.alerts.list.queryOptions(alertsListInput(org.id, shown), { refetchInterval: ALERTS_REFRESH_MS }));
  const { data: machines } = useSuspenseQuery(trpc.machines.list.queryOptions({ orgId: org.id }));
  const { data: locations } = useSuspenseQuery(trpc.locations.list.queryOptions({ orgId: org.id }));
  const machineOptions = useMemo(() => machines.map((m) => ({ value: m.id, label: m.name })), [machines]);
  const locationOptions = useMemo(() => locations.map((l) => ({ value: l.id, label: l.name })), [locations]);
  const loading = shown !== query;
  const filtered = query.severity.length + query.state.length + query.rule.length > 0 || query.machineId !== null || query.locationId !== null;

  const header = (key: AlertSort, label: string, align?: "right") => (
    <SortHeader
      label={label}
      align={align}
      active={query.sort === key}
      direction={query.direction}
      onSort={() => updateUrl({ sort: key === "lastSeenAt" ? null : key, dir: query.sort === key && query.direction === "desc" ? "asc" : null })}
      className="whitespace-nowrap"
    />
  );

  return (
    <section aria-label="Alerts">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <MultiFilterChip label="State" values={query.state} options={stateOptions} onChange={(v) => updateUrl({ state: v.join(",") || null })} />
        <MultiFilterChip label="Severity" values={query.severity} options={severityOptions} onChange={(v) => updateUrl({ severity: v.join(",") || null })} />
        <MultiFilterChip label="Rule" values={query.rule} options={ruleOptions} onChange={(v) => updateUrl({ rule: v.join(",") || null })} />
        <FilterChip label="Machine" value={query.machineId} options={machineOptions} onChange={(v) => updateUrl({ machine: v })} />
        <FilterChip label="Location" value={query.locationId} options={locationOptions} onChange={(v) => updateUrl({ location: v })} />
        {loading && <LoaderCircle aria-label="Loading" className="size-4 animate-spin text-zinc-400" />}
        <span className="ml-auto text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {alerts.length} {query.state.length ? "" : "unresolved "}alert{alerts.length === 1 ? "" : "s"}
        </span>
      </div>
      {alerts.length === 0 ? (
        <EmptyState icon={<BellOff />} title={filtered ? "No alerts match these filters" : "All quiet"}>
          {filtered ? "Remove a filter to see more." : "Nothing needs attention. Faults, offline machines, low stock and the other rules show up here as they happen."}
        </EmptyState>
      ) : (
        <>
          {alerts.length > 1 && (
            <div className="mb-3 sm:hidden">
              <SortSelect
                options={sortOptions}
                sort={query.sort}
                direction={query.direction}
                onSortBy={(key) => updateUrl({ sort: key === "lastSeenAt" ? null : key, dir: null })}
                onReverse={() => updateUrl({ dir: query.direction === "desc" ? "asc" : null })}
              />
            </div>
          )}
          <CardList label="Alerts" className={clsx(loading && "opacity-60")}>
            {alerts.map((a) => (
              <AlertCard key={a.id} alert={a} />
            ))}
          </CardList>
          <div className={clsx(phoneHiddenClasses, "overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60", loading && "opacity-60")}>
            <table className={tableClasses}>
              <thead className={theadClasses}>
                <tr>
                  {header("severity", "Severity")}
                  <th scope="col" className="px-3 py-2 font-medium">Alert</th>
                  {header("machine", "Machine")}
                  <th scope="col" className="px-3 py-2 font-medium">State</th>
                  {header("count", "Count", "right")}
                  {header("firstSeenAt", "First seen")}
                  {header("lastSeenAt", "Last seen")}
                </tr>
              </thead>
              <tbody>
                {alerts.map((a) => (
                  <AlertRow key={a.id} alert={a} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
