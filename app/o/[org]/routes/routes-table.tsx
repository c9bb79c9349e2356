"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { ClipboardList, Pencil, Route as RouteIcon, Trash2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useOrg } from "~/app/_components/org/org-context";
import { SearchInput } from "~/app/_components/ui/search-input";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import { hasRole } from "~/server/tenancy/contract";
import { RouteDialog, type RouteRow } from "./route-dialog";

type SortKey = "name" | "technician" | "machines" | "today";

/** The org's routes: technician, machines, visits planned today; edit, delete, open the pick list. */
export function RoutesTable() {
  const t = useTranslations("routes.list");
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: routes } = useSuspenseQuery(trpc.routes.list.queryOptions({ orgId: org.id }));
  const { data: plan } = useSuspenseQuery(trpc.plans.get.queryOptions({ orgId: org.id }));
  const [search, setSearch] = useState("");
  const { sort, sortBy } = useTableSort<SortKey>("name");
  const manager = hasRole(org.role, "manager");
  const remove = useMutation(trpc.routes.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.routes.pathKey() }) }));

  const todayByRoute = useMemo(() => {
    const counts = new Map<string, number>();
    for (const m of plan.machines) if (m.route && m.nextVisit === plan.today) counts.set(m.route.id, (counts.get(m.route.id) ?? 0) + 1);
    return counts;
  }, [plan]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const sign = sort.direction === "asc" ? 1 : -1;
    const key: Record<SortKey, (r: RouteRow) => string | number> = {
      name: (r) => r.name.toLowerCase(),
      technician: (r) => r.technician?.name.toLowerCase() ?? "\uffff",
      machines: (r) => r.machines.length,
      today: (r) => todayByRoute.get(r.id) ?? 0,
    };
    return routes
      .filter((r) => !needle || r.name.toLowerCase().includes(needle) || (r.technician?.name.toLowerCase().includes(needle) ?? false))
      .sort((a, b) => {
        const x = key[sort.key](a);
        const y = key[sort.key](b);
        return sign * (x < y ? -1 : x > y ? 1 : 0) || a.name.localeCompare(b.name);
      });
  }, [routes, search, sort, todayByRoute]);

  if (routes.length === 0) {
    return (
      <EmptyState
        icon={<RouteIcon />}
        title={manager ? t("emptyManagerTitle") : t("emptyTitle")}
        action={manager && <RouteDialog trigger={<Button variant="primary">{t("newRoute")}</Button>} />}
      >
        {t("emptyBody")}
      </EmptyState>
    );
  }
  const header = (k: SortKey, label: string, align?: "right") => <SortHeader label={label} active={sort.key === k} direction={sort.direction} align={align} onSort={() => sortBy(k)} />;
  return (
    <section aria-labelledby="routes-heading">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2 id="routes-heading" className="mr-auto text-sm font-semibold">
          {t.rich("count", { count: routes.length, n: (chunks) => <span className="tabular">{chunks}</span> })}
        </h2>
        <SearchInput label={t("searchLabel")} value={search} onChange={setSearch} placeholder={t("searchPlaceholder")} className="w-full sm:w-64" />
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <table className={tableClasses} aria-labelledby="routes-heading">
          <thead className={theadClasses}>
            <tr>
              {header("name", t("columns.route"))}
              {header("technician", t("columns.technician"))}
              {header("machines", t("columns.machines"), "right")}
              {header("today", t("columns.today"), "right")}
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t("columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={rowClasses}>
                <td className={clsx(cellClasses, "font-medium text-zinc-900 dark:text-zinc-100")}>
                  {r.name}
                  {r.notes && <span className="block text-xs font-normal text-zinc-500">{r.notes}</span>}
                </td>
                <td className={clsx(cellClasses, "text-zinc-600 dark:text-zinc-400")}>{r.technician?.name ?? <span className="text-zinc-500">{t("unassigned")}</span>}</td>
                <td className={clsx(cellClasses, "text-right tabular")} title={r.machines.map((m) => m.name).join(", ")}>
                  {r.machines.length}
                </td>
                <td className={clsx(cellClasses, "text-right tabular")}>{todayByRoute.get(r.id) ?? 0}</td>
                <td className={clsx(cellClasses, "text-right whitespace-nowrap")}>
                  <Button asChild variant="ghost" size="sm">
                    <Link href={`/o/${org.slug}/routes/${r.id}/pick-list`} aria-label={t("pickListFor", { name: r.name })}>
                      <ClipboardList aria-hidden />
                      <span className="hidden sm:inline">{t("pickList")}</span>
                    </Link>
                  </Button>
                  {manager && (
                    <>
                      <RouteDialog
                        route={r}
                        trigger={
                          <Button variant="ghost" size="sm" aria-label={t("editName", { name: r.name })}>
                            <Pencil aria-hidden />
                            <span className="hidden sm:inline">{t("edit")}</span>
                          </Button>
                        }
                      />
                      <ConfirmDialog
                        trigger={
                          <Button variant="ghost" size="sm" aria-label={t("deleteName", { name: r.name })}>
                            <Trash2 aria-hidden />
                          </Button>
                        }
                        title={t("deleteTitle", { name: r.name })}
                        description={t("deleteDescription")}
                        confirmLabel={t("deleteConfirm")}
                        onConfirm={() => remove.mutateAsync({ orgId: org.id, routeId: r.id })}
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <EmptyState icon={<RouteIcon />} title={t("noMatchTitle")} className="m-4 border-0">
            {t("noMatchBody")}
          </EmptyState>
        )}
      </div>
    </section>
  );
}
