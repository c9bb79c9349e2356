"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { MapPin, Pencil } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useOrg } from "~/app/_components/org/org-context";
import { SearchInput } from "~/app/_components/ui/search-input";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import { formatMoney } from "~/server/money";
import { hasRole } from "~/server/tenancy/contract";
import { LocationDialog, type LocationRow } from "./location-dialog";
import { locationKindLabels } from "./location-kinds";

type SortKey = "name" | "kind" | "address" | "machines" | "revenueToday" | "revenue7d" | "cash";

const byName = (a: LocationRow, b: LocationRow) => a.name.localeCompare(b.name, "en", { sensitivity: "base" });
const compare: Record<SortKey, (a: LocationRow, b: LocationRow) => number> = {
  name: byName,
  kind: (a, b) => locationKindLabels[a.kind].localeCompare(locationKindLabels[b.kind]),
  address: (a, b) => a.address.localeCompare(b.address, "en", { sensitivity: "base" }),
  machines: (a, b) => a.machineCount - b.machineCount,
  revenueToday: (a, b) => a.revenueTodayMinor - b.revenueTodayMinor,
  revenue7d: (a, b) => a.revenue7dMinor - b.revenue7dMinor,
  cash: (a, b) => a.expectedCashMinor - b.expectedCashMinor,
};

const coordinate = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 4, maximumFractionDigits: 4 });
const muted = "text-zinc-500 dark:text-zinc-400";

/** The org's locations: search, sort, machines at each (linking to the filtered fleet), edit. */
export function LocationsTable() {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: locations } = useSuspenseQuery(trpc.locations.list.queryOptions({ orgId: org.id }));
  const [search, setSearch] = useState("");
  const { sort, sortBy } = useTableSort<SortKey>("name");
  const manager = hasRole(org.role, "manager");

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const sign = sort.direction === "asc" ? 1 : -1;
    return locations
      .filter((l) => !needle || l.name.toLowerCase().includes(needle) || l.address.toLowerCase().includes(needle))
      .sort((a, b) => sign * compare[sort.key](a, b) || byName(a, b));
  }, [locations, search, sort]);

  if (locations.length === 0) {
    return (
      <EmptyState
        icon={<MapPin />}
        title={manager ? "Add your first location" : "No locations yet"}
        action={
          manager && (
            <LocationDialog
              trigger={
                <Button variant="primary">
                  <MapPin aria-hidden />
                  Add location
                </Button>
              }
            />
          )
        }
      >
        Locations are the places your machines stand; the fleet and sales can be filtered by them.
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
          <span className="tabular">{locations.length}</span> {locations.length === 1 ? "location" : "locations"}
          {rows.length !== locations.length && (
            <span className="ml-1.5 font-normal text-zinc-500 dark:text-zinc-400">
              (showing <span className="tabular">{rows.length}</span>)
            </span>
          )}
        </h2>
        <SearchInput label="Search locations" value={search} onChange={setSearch} placeholder="Name or address" className="w-full sm:w-64" />
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <table className={tableClasses} aria-labelledby="locations-heading">
          <thead className={theadClasses}>
            <tr>
              {header("name", "Name")}
              {header("kind", "Kind")}
              {header("address", "Address")}
              {header("machines", "Machines", undefined, "right")}
              {header("revenueToday", "Today", "whitespace-nowrap", "right")}
              {header("revenue7d", "7 days", "whitespace-nowrap", "right")}
              {header("cash", "Cash in boxes", "whitespace-nowrap", "right")}
              <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                Coordinates
              </th>
              {manager && (
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
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
                <td className={clsx(cellClasses, "text-zinc-600 dark:text-zinc-400")}>{locationKindLabels[l.kind]}</td>
                <td className={clsx(cellClasses, "min-w-48 text-zinc-600 dark:text-zinc-400")}>{l.address || <span className={muted}>—</span>}</td>
                <td className={clsx(cellClasses, "text-right")}>
                  <Link
                    href={`/o/${org.slug}/machines?location=${l.id}`}
                    aria-label={`${l.machineCount} ${l.machineCount === 1 ? "machine" : "machines"} at ${l.name}`}
                    className="tabular font-medium text-brand-600 hover:underline dark:text-brand-500"
                  >
                    {l.machineCount}
                  </Link>
                </td>
                <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap", l.revenueTodayMinor === 0 ? muted : "text-zinc-700 dark:text-zinc-300")}>
                  {formatMoney(l.revenueTodayMinor, l.currency)}
                </td>
                <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap", l.revenue7dMinor === 0 ? muted : "text-zinc-700 dark:text-zinc-300")}>
                  {formatMoney(l.revenue7dMinor, l.currency)}
                </td>
                <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap", l.expectedCashMinor === 0 ? muted : "text-zinc-700 dark:text-zinc-300")}>
                  {formatMoney(l.expectedCashMinor, l.currency)}
                </td>
                <td className={clsx(cellClasses, "tabular font-mono text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
                  {l.latitude !== null && l.longitude !== null ? (
                    `${coordinate.format(l.latitude)}, ${coordinate.format(l.longitude)}`
                  ) : (
                    <span className={muted}>—</span>
                  )}
                </td>
                {manager && (
                  <td className={clsx(cellClasses, "text-right")}>
                    <LocationDialog
                      location={l}
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Edit ${l.name}`}>
                          <Pencil aria-hidden />
                          <span className="hidden sm:inline">Edit</span>
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
          <EmptyState icon={<MapPin />} title="No locations match" className="m-4 border-0">
            Clear the search to see every location.
          </EmptyState>
        )}
      </div>
    </section>
  );
}
