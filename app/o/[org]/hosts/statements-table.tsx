"use client";

import clsx from "clsx";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useFormat } from "~/app/_components/i18n/format";
import { CardList, RecordCard, phoneHiddenClasses } from "~/app/_components/ui/card-list";
import { useOrg } from "~/app/_components/org/org-context";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { SortSelect } from "~/app/_components/ui/sort-select";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { hostStatementStatuses, type HostStatementSummary } from "~/server/hosts/contract";
import { useStatementStatus } from "./statement-status";

type SortKey = "place" | "status" | "gross" | "net" | "commission" | "adjustments" | "total";
type Figure = "grossMinor" | "netMinor" | "commissionMinor" | "adjustmentsMinor" | "totalMinor";

const byPlace = (a: HostStatementSummary, b: HostStatementSummary) => a.locationName.localeCompare(b.locationName, "en", { sensitivity: "base" });
const compare: Record<SortKey, (a: HostStatementSummary, b: HostStatementSummary) => number> = {
  place: byPlace,
  status: (a, b) => hostStatementStatuses.indexOf(a.status) - hostStatementStatuses.indexOf(b.status),
  gross: (a, b) => a.grossMinor - b.grossMinor,
  net: (a, b) => a.netMinor - b.netMinor,
  commission: (a, b) => a.commissionMinor - b.commissionMinor,
  adjustments: (a, b) => a.adjustmentsMinor - b.adjustmentsMinor,
  total: (a, b) => a.totalMinor - b.totalMinor,
};
const moneyColumns = [
  { key: "gross", figure: "grossMinor" },
  { key: "net", figure: "netMinor" },
  { key: "commission", figure: "commissionMinor" },
  { key: "adjustments", figure: "adjustmentsMinor" },
  { key: "total", figure: "totalMinor" },
] as const satisfies readonly { key: SortKey; figure: Figure }[];

/** The sums of the shown statements, one row per currency (an org counts in one, but a contract keeps its own). */
function totalsOf(rows: HostStatementSummary[]) {
  const by = new Map<string, Record<Figure, number> & { count: number }>();
  for (const r of rows) {
    const t = by.get(r.currency) ?? { grossMinor: 0, netMinor: 0, commissionMinor: 0, adjustmentsMinor: 0, totalMinor: 0, count: 0 };
    for (const { figure } of moneyColumns) t[figure] += r[figure];
    t.count += 1;
    by.set(r.currency, t);
  }
  return [...by.entries()].map(([currency, t]) => ({ currency, ...t }));
}

function StatementBadges({ s }: { s: HostStatementSummary }) {
  const t = useTranslations("hosts.table");
  const statuses = useStatementStatus();
  return (
    <>
      <StatusBadge status={s.status} label={statuses.label(s.status)} />
      {s.revision > 0 && (
        <span title={s.revisionNote ?? undefined} className="ml-1.5 rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-700 ring-1 ring-violet-600/20 ring-inset dark:bg-violet-500/10 dark:text-violet-300">
          {t("revised")}
        </span>
      )}
    </>
  );
}

/** The month's statements, one per place: sortable, with a totals row; the place opens the statement. */
export function StatementsTable({ statements }: { statements: HostStatementSummary[] }) {
  const org = useOrg();
  const t = useTranslations("hosts.table");
  const f = useFormat();
  const sortOptions = (["place", "status", ...moneyColumns.map((c) => c.key)] as const).map((key) => ({ key, label: t(key) }));
  const { sort, sortBy } = useTableSort<SortKey>("place");
  const rows = useMemo(() => {
    const sign = sort.direction === "asc" ? 1 : -1;
    return [...statements].sort((a, b) => sign * compare[sort.key](a, b) || byPlace(a, b));
  }, [statements, sort]);
  const totals = totalsOf(rows);
  const href = (s: HostStatementSummary) => `/o/${org.slug}/hosts/statements/${s.id}`;
  const header = (key: SortKey, label: string, align?: "right") => (
    <SortHeader key={key} label={label} active={sort.key === key} direction={sort.direction} align={align} className="whitespace-nowrap" onSort={() => sortBy(key)} />
  );
  return (
    <section aria-labelledby="statements-heading">
      <h2 id="statements-heading" className="sr-only">
        {t("heading")}
      </h2>
      <div className="sm:hidden">
        {rows.length > 1 && (
          <div className="mb-2">
            <SortSelect options={sortOptions} sort={sort.key} direction={sort.direction} onSortBy={sortBy} onReverse={() => sortBy(sort.key)} />
          </div>
        )}
        <CardList label={t("heading")}>
          {rows.map((s) => (
            <RecordCard
              key={s.id}
              title={
                <Link href={href(s)} className="hover:text-brand-600 hover:underline">
                  {s.locationName}
                </Link>
              }
              badges={<StatementBadges s={s} />}
              facts={moneyColumns.map((c) => ({ label: t(c.key), value: <span className="tabular">{f.money(s[c.figure], s.currency)}</span> }))}
            />
          ))}
        </CardList>
      </div>
      <div className={clsx("relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60", phoneHiddenClasses)}>
        <table className={tableClasses} aria-labelledby="statements-heading">
          <thead className={theadClasses}>
            <tr>
              {header("place", t("place"))}
              {header("status", t("status"))}
              {moneyColumns.map((c) => header(c.key, t(c.key), "right"))}
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} className={rowClasses}>
                <td className={clsx(cellClasses, "whitespace-nowrap")}>
                  <Link href={href(s)} className="font-medium text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100 dark:hover:text-brand-500">
                    {s.locationName}
                  </Link>
                </td>
                <td className={clsx(cellClasses, "whitespace-nowrap")}>
                  <StatementBadges s={s} />
                </td>
                {moneyColumns.map((c) => (
                  <td key={c.key} className={clsx(cellClasses, "tabular text-right whitespace-nowrap", c.key === "total" ? "font-medium text-zinc-900 dark:text-zinc-100" : "text-zinc-700 dark:text-zinc-300")}>
                    {f.money(s[c.figure], s.currency)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-zinc-200 bg-zinc-50/80 font-medium dark:border-zinc-800 dark:bg-zinc-900">
            {totals.map((row) => (
              <tr key={row.currency}>
                <th scope="row" colSpan={2} className={clsx(cellClasses, "text-left whitespace-nowrap")}>
                  {t("totalRow", { count: row.count })}
                  {totals.length > 1 ? t("inCurrency", { currency: row.currency }) : ""}
                </th>
                {moneyColumns.map((c) => (
                  <td key={c.key} className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>
                    {f.money(row[c.figure], row.currency)}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
    </section>
  );
}
