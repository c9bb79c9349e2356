"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { BellOff, Check, CheckCheck, LoaderCircle, X } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useDeferredValue, useMemo, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { CardList, phoneHiddenClasses } from "~/app/_components/ui/card-list";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { MultiFilterChip } from "~/app/_components/ui/multi-filter-chip";
import { useOrg } from "~/app/_components/org/org-context";
import { ReasonDialog } from "~/app/_components/ui/reason-dialog";
import { SortHeader } from "~/app/_components/ui/sort-header";
import { SortSelect } from "~/app/_components/ui/sort-select";
import { tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { MAX_BULK_ALERTS, ruleLabel } from "~/server/alerts/contract";
import { hasRole } from "~/server/tenancy/contract";
import { AlertCard } from "./alert-card";
import { AlertRow } from "./alert-row";
import { groupByMachine, SelectBox, type MachineGroup } from "./alert-selection";
import { ALERTS_REFRESH_MS, alertsListInput, alertsQueryFrom, ruleValues, severityValues, stateValues, type AlertSort } from "./alerts-query";

/** The sorts a phone offers, by their names in `alerts.inbox`. */
const sortKeys = [
  ["lastSeenAt", "sortLastSeen"],
  ["firstSeenAt", "sortFirstSeen"],
  ["severity", "sortSeverity"],
  ["machine", "sortMachine"],
  ["count", "sortCount"],
] as const satisfies readonly (readonly [AlertSort, string])[];

/** A group's title: its machine, or the organization for alerts of no machine. */
function useGroupTitle(): (g: MachineGroup) => string {
  const t = useTranslations("alerts.inbox");
  return (g) => g.machineName ?? t("organizationWide");
}

/** A machine's group heading: its name (a link), location and how many alerts it has. */
function GroupHeading({ group, slug }: { group: MachineGroup; slug: string }) {
  const t = useTranslations("alerts.inbox");
  const groupTitle = useGroupTitle();
  return (
    <>
      {group.machineId ? (
        <Link href={`/o/${slug}/machines/${group.machineId}`} className="font-semibold text-zinc-900 hover:underline dark:text-zinc-100">
          {groupTitle(group)}
        </Link>
      ) : (
        <span className="font-semibold text-zinc-900 dark:text-zinc-100">{groupTitle(group)}</span>
      )}
      {group.locationName && <span className="text-zinc-500 dark:text-zinc-400"> · {group.locationName}</span>}
      <span className="text-zinc-500 tabular-nums dark:text-zinc-400"> · {t("count", { count: group.alerts.length })}</span>
    </>
  );
}

/**
 * The alerts inbox: filters as chips in the URL, server-side sorting, live; grouped by machine, with
 * alerts (one by one, or a machine's at once) picked for a bulk acknowledge or resolve.
 */
export function AlertsTable() {
  const t = useTranslations("alerts");
  const locale = useLocale();
  const groupTitle = useGroupTitle();
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
  const stateOptions = stateValues.map((s) => ({ value: s, label: t(`state.${s}`) }));
  const severityOptions = severityValues.map((s) => ({ value: s, label: t(`severity.${s}`) }));
  const ruleOptions = ruleValues.map((r) => ({ value: r, label: ruleLabel(r, locale) }));
  const sortOptions = sortKeys.map(([key, name]) => ({ key, label: t(`inbox.${name}`) }));
  const groupLabel = (g: MachineGroup) => t("inbox.groupLabel", { group: groupTitle(g), count: g.alerts.length });
  const loading = shown !== query;
  const filtered = query.severity.length + query.state.length + query.rule.length > 0 || query.machineId !== null || query.locationId !== null;
  const groups = useMemo(() => groupByMachine(alerts), [alerts]);

  // Picked alerts: only those still listed count (a filter or a refresh may drop some).
  const canAct = hasRole(org.role, "technician");
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const selected = useMemo(() => alerts.filter((a) => picked.has(a.id) && a.status !== "resolved").map((a) => a.id), [alerts, picked]);
  const pick = (ids: string[], on: boolean) =>
    setPicked((prev) => {
      const next = new Set(prev);
      for (const id of ids) if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const selectionOf = (a: { id: string; status: string }) =>
    canAct && a.status !== "resolved" ? { checked: picked.has(a.id), onChange: (on: boolean) => pick([a.id], on) } : undefined;
  const groupSelection = (g: MachineGroup) => {
    const ids = g.alerts.filter((a) => a.status !== "resolved").map((a) => a.id);
    const on = ids.filter((id) => picked.has(id)).length;
    return ids.length === 0 ? null : { ids, checked: on === ids.length, indeterminate: on > 0 };
  };
  const queryClient = useQueryClient();
  const done = async () => {
    setPicked(new Set());
    await queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
  };
  const acknowledgeMany = useMutation(trpc.alerts.acknowledgeMany.mutationOptions({ onSuccess: done }));
  const resolveMany = useMutation(trpc.alerts.resolveMany.mutationOptions({ onSuccess: done }));
  const tooMany = selected.length > MAX_BULK_ALERTS;

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
    <section aria-label={t("inbox.label")}>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <MultiFilterChip label={t("inbox.filterState")} values={query.state} options={stateOptions} onChange={(v) => updateUrl({ state: v.join(",") || null })} />
        <MultiFilterChip label={t("inbox.filterSeverity")} values={query.severity} options={severityOptions} onChange={(v) => updateUrl({ severity: v.join(",") || null })} />
        <MultiFilterChip label={t("inbox.filterRule")} values={query.rule} options={ruleOptions} onChange={(v) => updateUrl({ rule: v.join(",") || null })} />
        <FilterChip label={t("inbox.filterMachine")} value={query.machineId} options={machineOptions} onChange={(v) => updateUrl({ machine: v })} />
        <FilterChip label={t("inbox.filterLocation")} value={query.locationId} options={locationOptions} onChange={(v) => updateUrl({ location: v })} />
        {loading && <LoaderCircle aria-label={t("inbox.loading")} className="size-4 animate-spin text-zinc-500" />}
        <span className="ml-auto text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {query.state.length ? t("inbox.count", { count: alerts.length }) : t("inbox.countUnresolved", { count: alerts.length })}
        </span>
      </div>
      {canAct && selected.length > 0 && (
        <div role="region" aria-label={t("inbox.bulkActions")} className="sticky top-0 z-10 mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-900">
          <span className="font-medium tabular-nums" aria-live="polite">
            {t("inbox.selected", { count: selected.length })}
          </span>
          {tooMany && <span className="text-xs text-red-600 dark:text-red-400">{t("inbox.tooMany", { max: MAX_BULK_ALERTS })}</span>}
          <span className="ml-auto flex flex-wrap gap-2">
            <Button size="sm" onClick={() => acknowledgeMany.mutate({ orgId: org.id, alertIds: selected })} disabled={tooMany || acknowledgeMany.isPending}>
              <Check aria-hidden />
              {t("inbox.acknowledge")}
            </Button>
            <ReasonDialog
              trigger={
                <Button size="sm" variant="primary" disabled={tooMany}>
                  <CheckCheck aria-hidden />
                  {t("inbox.resolve")}
                </Button>
              }
              title={t("inbox.resolveTitle", { count: selected.length })}
              description={t("inbox.resolveDescription")}
              label={t("inbox.note")}
              hint={t("inbox.noteHint")}
              confirmLabel={t("inbox.resolve")}
              mutation={resolveMany}
              onSubmit={(note) => resolveMany.mutateAsync({ orgId: org.id, alertIds: selected, ...(note ? { note } : {}) })}
            />
            <Button size="sm" variant="ghost" onClick={() => setPicked(new Set())}>
              <X aria-hidden />
              {t("inbox.clear")}
            </Button>
          </span>
        </div>
      )}
      <FormAlert message={errorMessageOf(acknowledgeMany.error)} className="[&:not(:empty)]:mb-3" />
      {alerts.length === 0 ? (
        <EmptyState icon={<BellOff />} title={filtered ? t("inbox.emptyFiltered") : t("inbox.emptyQuiet")}>
          {filtered ? t("inbox.emptyFilteredBody") : t("inbox.emptyQuietBody")}
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
          {/* On a phone: a list of machines, each with its heading and its alerts' cards. */}
          <ul role="list" aria-label={t("inbox.label")} className={clsx("space-y-4 sm:hidden", loading && "opacity-60")}>
            {groups.map((g) => {
              const sel = canAct ? groupSelection(g) : null;
              return (
                <li key={g.key} aria-label={groupLabel(g)}>
                  <h2 className="mb-1.5 flex items-center gap-2 text-[13px]">
                    {sel && <SelectBox label={t("inbox.selectGroup", { group: groupTitle(g) })} checked={sel.checked} indeterminate={sel.indeterminate} onChange={(on) => pick(sel.ids, on)} />}
                    <span className="min-w-0">
                      <GroupHeading group={g} slug={org.slug} />
                    </span>
                  </h2>
                  <CardList label={t("inbox.alertsOf", { group: groupTitle(g) })}>
                    {g.alerts.map((a) => (
                      <AlertCard key={a.id} alert={a} selection={selectionOf(a)} />
                    ))}
                  </CardList>
                </li>
              );
            })}
          </ul>
          <div className={clsx(phoneHiddenClasses, "overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60", loading && "opacity-60")}>
            <table className={tableClasses}>
              <thead className={theadClasses}>
                <tr>
                  {canAct && (
                    <th scope="col" className="w-8 px-3 py-2">
                      <span className="sr-only">{t("inbox.select")}</span>
                    </th>
                  )}
                  {header("severity", t("inbox.sortSeverity"))}
                  <th scope="col" className="px-3 py-2 font-medium">{t("inbox.alert")}</th>
                  {header("machine", t("inbox.sortMachine"))}
                  <th scope="col" className="px-3 py-2 font-medium">{t("inbox.state")}</th>
                  {header("count", t("inbox.sortCount"), "right")}
                  {header("firstSeenAt", t("inbox.sortFirstSeen"))}
                  {header("lastSeenAt", t("inbox.sortLastSeen"))}
                </tr>
              </thead>
              {groups.map((g) => {
                const sel = canAct ? groupSelection(g) : null;
                return (
                    <tbody key={g.key} aria-label={groupLabel(g)}>
                      <tr className="border-t border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
                        {canAct && (
                          <td className="w-8 px-3 py-1.5">
                            {sel && <SelectBox label={t("inbox.selectGroup", { group: groupTitle(g) })} checked={sel.checked} indeterminate={sel.indeterminate} onChange={(on) => pick(sel.ids, on)} />}
                          </td>
                        )}
                        <th scope="rowgroup" colSpan={7} className="px-3 py-1.5 text-left text-[13px] font-normal">
                          <GroupHeading group={g} slug={org.slug} />
                        </th>
                      </tr>
                      {g.alerts.map((a) => (
                        <AlertRow key={a.id} alert={a} selection={canAct ? (selectionOf(a) ?? null) : undefined} />
                      ))}
                    </tbody>
                );
              })}
            </table>
          </div>
        </>
      )}
    </section>
  );
}
