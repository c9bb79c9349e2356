"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { CalendarRange, ChevronDown, ChevronRight, Truck } from "lucide-react";
import Link from "next/link";
import { Fragment, useMemo, useState } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { formatCount } from "~/app/_components/labels/numbers";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { SearchInput } from "~/app/_components/ui/search-input";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { Stat } from "~/app/_components/ui/stat";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { formatMoney } from "~/server/money";
import { formatDayColumn, formatPlanDay } from "./plan-format";
import { MachineForecast } from "./machine-forecast";
import { VisitsChart } from "./visits-chart";

type Row = RouterOutputs["plans"]["get"]["machines"][number];
type SortKey = "machine" | "route" | "next" | "units" | "lost";

const far = "\uffff";
const compare: Record<SortKey, (a: Row, b: Row) => number> = {
  machine: (a, b) => a.name.localeCompare(b.name),
  route: (a, b) => (a.route?.name ?? far).localeCompare(b.route?.name ?? far) || (a.route?.position ?? 0) - (b.route?.position ?? 0),
  next: (a, b) => (a.nextVisit ?? far).localeCompare(b.nextVisit ?? far),
  units: (a, b) => a.units - b.units,
  lost: (a, b) => (a.days.at(-1)?.lostIfNotVisitedMinor ?? 0) - (b.days.at(-1)?.lostIfNotVisitedMinor ?? 0),
};

/** Days x machines: expected lost margin if not visited by each day, against the visit cost. */
export function PlansView() {
  const org = useOrg();
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.plans.get.queryOptions({ orgId: org.id }));
  const [search, setSearch] = useState("");
  const [route, setRoute] = useState("all");
  const [onlyVisits, setOnlyVisits] = useState(true);
  const [open, setOpen] = useState<string | null>(null);
  const { sort, sortBy } = useTableSort<SortKey>("next");
  const currency = data.settings.currency;
  const cost = data.settings.visitCostMinor;

  const routes = useMemo(() => [...new Map(data.machines.flatMap((m) => (m.route ? [[m.route.id, m.route.name] as const] : []))).entries()], [data.machines]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const sign = sort.direction === "asc" ? 1 : -1;
    return data.machines
      .filter((m) => !needle || m.name.toLowerCase().includes(needle) || (m.location ?? "").toLowerCase().includes(needle))
      .filter((m) => route === "all" || (route === "none" ? !m.route : m.route?.id === route))
      .filter((m) => !onlyVisits || m.nextVisit)
      .sort((a, b) => sign * compare[sort.key](a, b) || a.name.localeCompare(b.name));
  }, [data.machines, search, route, onlyVisits, sort]);

  if (data.machines.length === 0) {
    return (
      <EmptyState icon={<CalendarRange />} title="Nothing to plan yet">
        Plans appear once machines have planograms and sales: register machines and give them slots.
      </EmptyState>
    );
  }
  const today = data.machines.filter((m) => m.nextVisit === data.today);
  const week = data.byDay.reduce((a, d) => a + d.visits, 0);
  const header = (key: SortKey, label: string, align?: "right") => (
    <SortHeader label={label} active={sort.key === key} direction={sort.direction} align={align} onSort={() => sortBy(key)} />
  );

  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label="Visits today">
          <span className="tabular">{today.length}</span>
        </Stat>
        <Stat label="Units to bring today">
          <span className="tabular">{formatCount(today.reduce((a, m) => a + m.units, 0))}</span>
        </Stat>
        <Stat label="Visits next 7 days">
          <span className="tabular">{week}</span>
        </Stat>
        <Stat label="Visit cost">
          <span className="tabular">{formatMoney(cost, currency)}</span>
          <span className="ml-1 text-xs font-normal text-zinc-500">fill to {data.settings.fillTo}</span>
        </Stat>
      </dl>

      <VisitsChart byDay={data.byDay} today={data.today} />

      <section aria-labelledby="plan-heading">
        <div className="mb-3 flex flex-wrap items-center gap-2">
          <h2 id="plan-heading" className="mr-auto text-sm font-semibold">
            Machines <span className="font-normal text-zinc-500">({rows.length} shown)</span>
            <span className="ml-2 text-xs font-normal text-zinc-500">
              Forecast <RelativeTime date={data.forecastsComputedAt ? new Date(data.forecastsComputedAt) : null} timeZone={org.timeZone} never="not run yet" />
            </span>
          </h2>
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" checked={onlyVisits} onChange={(e) => setOnlyVisits(e.target.checked)} className="size-4 accent-brand-600" />
            Only machines to visit
          </label>
          <NativeSelect aria-label="Route" value={route} onChange={(e) => setRoute(e.target.value)} className="w-44">
            <option value="all">All routes</option>
            {routes.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
            <option value="none">No route</option>
          </NativeSelect>
          <SearchInput label="Search machines" value={search} onChange={setSearch} placeholder="Machine or location" className="w-full sm:w-56" />
        </div>
        <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
          <table className={tableClasses} aria-labelledby="plan-heading">
            <thead className={theadClasses}>
              <tr>
                {header("machine", "Machine")}
                {header("route", "Route")}
                {data.dates.map((d) => (
                  <th key={d} scope="col" className="px-2 py-2 text-right font-medium whitespace-nowrap">
                    {d === data.today ? "Today" : formatDayColumn(d)}
                  </th>
                ))}
                {header("next", "Next visit")}
                {header("units", "Units", "right")}
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <Fragment key={m.machineId}>
                  <tr className={rowClasses}>
                    <td className={clsx(cellClasses, "whitespace-nowrap")}>
                      <button
                        type="button"
                        onClick={() => setOpen(open === m.machineId ? null : m.machineId)}
                        aria-expanded={open === m.machineId}
                        aria-label={`Slot forecasts for ${m.name}`}
                        className="mr-1 rounded p-0.5 align-middle text-zinc-400 hover:text-zinc-700"
                      >
                        {open === m.machineId ? <ChevronDown className="size-4" /> : <ChevronRight className="size-4" />}
                      </button>
                      <Link href={`/o/${org.slug}/machines/${m.machineId}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                        {m.name}
                      </Link>
                      {m.location && <span className="ml-1.5 text-xs text-zinc-500">{m.location}</span>}
                    </td>
                    <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>{m.route?.name ?? "—"}</td>
                    {m.days.map((d) => (
                      <td
                        key={d.date}
                        title={`If not visited by the end of ${formatPlanDay(d.date, data.today)}: ${formatMoney(d.lostIfNotVisitedMinor, currency)} expected lost margin (a visit costs ${formatMoney(cost, currency)})`}
                        className={clsx(
                          "px-2 py-2.5 text-right tabular whitespace-nowrap",
                          d.visit && "bg-brand-50 font-semibold text-brand-700 dark:bg-brand-500/10 dark:text-brand-400",
                          !d.visit && d.lostIfNotVisitedMinor > cost && "text-red-600 dark:text-red-400",
                          !d.visit && d.lostIfNotVisitedMinor <= cost && "text-zinc-500",
                        )}
                      >
                        {d.visit && <Truck aria-label="Visit" className="mr-1 inline size-3.5" />}
                        {formatMoney(d.lostIfNotVisitedMinor, currency, { compact: d.lostIfNotVisitedMinor >= 100_000 })}
                      </td>
                    ))}
                    <td className={clsx(cellClasses, "whitespace-nowrap")}>{m.nextVisit ? formatPlanDay(m.nextVisit, data.today) : <span className="text-zinc-400">None this week</span>}</td>
                    <td className={clsx(cellClasses, "text-right tabular")}>{m.units}</td>
                  </tr>
                  {open === m.machineId && (
                    <tr className="border-b border-zinc-100 bg-zinc-50/60 dark:border-zinc-800 dark:bg-zinc-800/20">
                      <td colSpan={data.dates.length + 4} className="px-4 py-3">
                        <MachineForecast machineId={m.machineId} fills={m.fills} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && (
            <EmptyState icon={<CalendarRange />} title="No machines match" className="m-4 border-0">
              {onlyVisits ? "No visit is planned for these machines this week. Untick “Only machines to visit” to see them all." : "Clear the search or the route filter."}
            </EmptyState>
          )}
        </div>
        <p className="mt-2 text-xs text-zinc-500">
          Each day shows the margin expected to be lost if the machine is not visited by the end of that day; red when it is more than a visit costs.
        </p>
      </section>
    </div>
  );
}
