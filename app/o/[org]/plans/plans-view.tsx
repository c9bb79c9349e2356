"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { CalendarRange } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { CardList, phoneHiddenClasses } from "~/app/_components/ui/card-list";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useFormat } from "~/app/_components/i18n/format";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { SearchInput } from "~/app/_components/ui/search-input";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { SortSelect } from "~/app/_components/ui/sort-select";
import { Stat } from "~/app/_components/ui/stat";
import { tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import { PlanCard } from "./plan-card";
import { usePlanDays } from "./plan-format";
import { PlanRow, type PlanMachine } from "./plan-row";
import { VisitsChart } from "./visits-chart";

type Row = PlanMachine;
type SortKey = "machine" | "route" | "next" | "units" | "lost";

const far = "\uffff";
const compare: Record<SortKey, (a: Row, b: Row) => number> = {
  machine: (a, b) => a.name.localeCompare(b.name),
  route: (a, b) => (a.route?.name ?? far).localeCompare(b.route?.name ?? far) || (a.route?.position ?? 0) - (b.route?.position ?? 0),
  next: (a, b) => (a.nextVisit ?? far).localeCompare(b.nextVisit ?? far),
  units: (a, b) => a.units - b.units,
  lost: (a, b) => (a.days.at(-1)?.lostIfNotVisitedMinor ?? 0) - (b.days.at(-1)?.lostIfNotVisitedMinor ?? 0),
};
const sortKeys = ["next", "machine", "route", "units", "lost"] as const satisfies readonly SortKey[];

/** Days x machines: expected lost margin if not visited by each day, against the visit cost. */
export function PlansView() {
  const t = useTranslations("plans.view");
  const f = useFormat();
  const days = usePlanDays();
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
      <EmptyState icon={<CalendarRange />} title={t("emptyTitle")}>
        {t("emptyBody")}
      </EmptyState>
    );
  }
  const today = data.machines.filter((m) => m.nextVisit === data.today);
  const week = data.byDay.reduce((a, d) => a + d.visits, 0);
  const plan = { today: data.today, currency, cost };
  const toggle = (machineId: string) => setOpen(open === machineId ? null : machineId);
  const sortOptions = sortKeys.map((key) => ({ key, label: t(`sort.${key}`) }));
  const header = (key: SortKey, label: string, align?: "right") => (
    <SortHeader label={label} active={sort.key === key} direction={sort.direction} align={align} onSort={() => sortBy(key)} />
  );

  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label={t("stats.visitsToday")}>
          <span className="tabular">{today.length}</span>
        </Stat>
        <Stat label={t("stats.unitsToday")}>
          <span className="tabular">{f.count(today.reduce((a, m) => a + m.units, 0))}</span>
        </Stat>
        <Stat label={t("stats.visitsWeek")}>
          <span className="tabular">{week}</span>
        </Stat>
        <Stat label={t("stats.visitCost")}>
          <span className="tabular">{f.money(cost, currency)}</span>
          <span className="ml-1 text-xs font-normal text-zinc-500">{t(`stats.fillTo.${data.settings.fillTo}`)}</span>
        </Stat>
      </dl>

      <VisitsChart byDay={data.byDay} today={data.today} />

      <section aria-labelledby="plan-heading">
        <div className="mb-3 flex flex-wrap items-center gap-2">
          <h2 id="plan-heading" className="mr-auto text-sm font-semibold">
            {t.rich("heading", { count: rows.length, shown: (chunks) => <span className="font-normal text-zinc-500">{chunks}</span> })}
            <span className="ml-2 text-xs font-normal text-zinc-500">
              {t("forecast")} <RelativeTime date={data.forecastsComputedAt ? new Date(data.forecastsComputedAt) : null} timeZone={org.timeZone} never={t("forecastNever")} />
            </span>
          </h2>
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" checked={onlyVisits} onChange={(e) => setOnlyVisits(e.target.checked)} className="size-4 accent-brand-600" />
            {t("onlyToVisit")}
          </label>
          <NativeSelect aria-label={t("routeFilter")} value={route} onChange={(e) => setRoute(e.target.value)} className="w-44">
            <option value="all">{t("allRoutes")}</option>
            {routes.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
            <option value="none">{t("noRoute")}</option>
          </NativeSelect>
          <SearchInput label={t("searchLabel")} value={search} onChange={setSearch} placeholder={t("searchPlaceholder")} className="w-full sm:w-56" />
          {rows.length > 1 && <SortSelect options={sortOptions} sort={sort.key} direction={sort.direction} onSortBy={sortBy} onReverse={() => sortBy(sort.key)} />}
        </div>
        {rows.length > 0 && (
          <CardList label={t("cardsLabel")}>
            {rows.map((m) => (
              <PlanCard key={m.machineId} machine={m} plan={plan} open={open === m.machineId} onToggle={() => toggle(m.machineId)} />
            ))}
          </CardList>
        )}
        <div className={clsx("relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60", rows.length > 0 && phoneHiddenClasses)}>
          <table className={clsx(tableClasses, "hidden sm:table")} aria-labelledby="plan-heading">
            <thead className={theadClasses}>
              <tr>
                {header("machine", t("columns.machine"))}
                {header("route", t("columns.route"))}
                {data.dates.map((d, i) => (
                  <th
                    key={d}
                    scope="col"
                    title={data.openDays[i] ? undefined : i === 0 ? t("closedToday") : t("dayOff")}
                    className={clsx("px-2 py-2 text-right font-medium whitespace-nowrap", !data.openDays[i] && "text-zinc-500 dark:text-zinc-400")}
                  >
                    {days.column(d, data.today)}
                    {!data.openDays[i] && <span className="sr-only">{t("noVisits")}</span>}
                  </th>
                ))}
                {header("next", t("columns.next"))}
                {header("units", t("columns.units"), "right")}
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <PlanRow key={m.machineId} machine={m} plan={plan} columns={data.dates.length + 4} open={open === m.machineId} onToggle={() => toggle(m.machineId)} />
              ))}
            </tbody>
          </table>
          {rows.length === 0 && (
            <EmptyState icon={<CalendarRange />} title={t("noMatchTitle")} className="m-4 border-0">
              {onlyVisits ? t("noMatchOnlyVisits") : t("noMatchBody")}
            </EmptyState>
          )}
        </div>
        <p className="mt-2 text-xs text-zinc-500">
          {t("legend")}
        </p>
      </section>
    </div>
  );
}
