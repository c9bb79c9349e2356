"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { monthLabel } from "./cash-filters";
import type { CashQuery } from "./cash-query";
import { Money, Variance } from "~/app/_components/ui/variance";

type Summaries = RouterOutputs["cash"]["summaries"];
type Figures = Summaries["totals"][number];

/** The columns every over/short summary shares, after the group's own. */
function useFigureColumns<T extends Figures>(): Column<T>[] {
  const t = useTranslations("cash.summary");
  const f = useFormat();
  return [
    { key: "collections", label: t("collections"), align: "right", sortValue: (r) => r.collections, render: (r) => f.count(r.collections) },
    { key: "expected", label: t("expected"), align: "right", sortValue: (r) => r.expectedMinor, render: (r) => <Money minor={r.expectedMinor} currency={r.currency} /> },
    { key: "counted", label: t("counted"), align: "right", sortValue: (r) => r.countedMinor, render: (r) => <Money minor={r.countedMinor} currency={r.currency} /> },
    { key: "over", label: t("over"), align: "right", sortValue: (r) => r.overMinor, render: (r) => <Variance minor={r.overMinor} currency={r.currency} /> },
    { key: "short", label: t("short"), align: "right", sortValue: (r) => r.shortMinor, render: (r) => <Variance minor={r.shortMinor} currency={r.currency} /> },
    { key: "variance", label: t("net"), align: "right", sortValue: (r) => r.varianceMinor, render: (r) => <Variance minor={r.varianceMinor} currency={r.currency} /> },
    {
      key: "flagged",
      label: t("beyondThreshold"),
      align: "right",
      sortValue: (r) => r.flagged,
      render: (r) => <span className={r.flagged > 0 ? "text-red-600 dark:text-red-400" : undefined}>{f.count(r.flagged)}</span>,
    },
  ];
}

function useSummaries(query: CashQuery): Summaries {
  const org = useOrg();
  const trpc = useTRPC();
  return useSuspenseQuery(trpc.cash.summaries.queryOptions({ orgId: org.id, ...query })).data;
}

const frame = "overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60";
const note = "mt-2 text-xs text-zinc-500 dark:text-zinc-400";
/** Which months a summary covers, for `cash.summary.covers`. */
const covers = (q: CashQuery) => ({ range: q.fromMonth || q.toMonth ? "chosen" : "recent" });

/** Over and short per technician; the machine's own reports that no one counted are a row of their own. */
export function TechnicianSummary({ query }: { query: CashQuery }) {
  const t = useTranslations("cash.summary");
  const { byTechnician } = useSummaries(query);
  type Row = Summaries["byTechnician"][number];
  const figures = useFigureColumns<Row>();
  const name = (r: Row) => r.technicianName ?? (r.technicianId ? t("formerMember") : t("machineReports"));
  return (
    <div>
      <div className={frame}>
        <SortableTable
          rows={byTechnician}
          columns={[{ key: "name", label: t("technician"), sortValue: name, render: name }, ...figures]}
          rowKey={(r) => `${r.technicianId ?? "machine"}-${r.currency}`}
          initialSort="short"
          initialDirection="asc"
          caption={t("technicianCaption")}
          empty={t("empty")}
        />
      </div>
      <p className={note}>
        {t("covers", covers(query))} {t("technicianNote")}
      </p>
    </div>
  );
}

/** Over and short per route: the route a count was made on, else the one the machine is on. */
export function RouteSummary({ query }: { query: CashQuery }) {
  const t = useTranslations("cash.summary");
  const { byRoute } = useSummaries(query);
  type Row = Summaries["byRoute"][number];
  const figures = useFigureColumns<Row>();
  const name = (r: Row) => r.routeName ?? t("noRoute");
  return (
    <div>
      <div className={frame}>
        <SortableTable
          rows={byRoute}
          columns={[{ key: "name", label: t("route"), sortValue: name, render: name }, ...figures]}
          rowKey={(r) => `${r.routeId ?? "none"}-${r.currency}`}
          initialSort="short"
          initialDirection="asc"
          caption={t("routeCaption")}
          empty={t("empty")}
        />
      </div>
      <p className={note}>
        {t("covers", covers(query))} {t("routeNote")}
      </p>
    </div>
  );
}

/** Over and short per month of the org's calendar. */
export function MonthSummary({ query }: { query: CashQuery }) {
  const t = useTranslations("cash.summary");
  const f = useFormat();
  const { byMonth } = useSummaries(query);
  type Row = Summaries["byMonth"][number];
  const figures = useFigureColumns<Row>();
  return (
    <div>
      <div className={frame}>
        <SortableTable
          rows={byMonth}
          columns={[{ key: "month", label: t("month"), sortValue: (r) => r.month, render: (r) => monthLabel(r.month, f.locale) }, ...figures]}
          rowKey={(r) => `${r.month}-${r.currency}`}
          initialSort="month"
          caption={t("monthCaption")}
          empty={t("empty")}
        />
      </div>
      <p className={note}>{t("covers", covers(query))}</p>
    </div>
  );
}
