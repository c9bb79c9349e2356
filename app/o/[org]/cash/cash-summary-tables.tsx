"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { formatCount } from "~/app/_components/labels/numbers";
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
function figureColumns<T extends Figures>(): Column<T>[] {
  return [
    { key: "collections", label: "Collections", align: "right", sortValue: (r) => r.collections, render: (r) => formatCount(r.collections) },
    { key: "expected", label: "Expected", align: "right", sortValue: (r) => r.expectedMinor, render: (r) => <Money minor={r.expectedMinor} currency={r.currency} /> },
    { key: "counted", label: "Counted", align: "right", sortValue: (r) => r.countedMinor, render: (r) => <Money minor={r.countedMinor} currency={r.currency} /> },
    { key: "over", label: "Over", align: "right", sortValue: (r) => r.overMinor, render: (r) => <Variance minor={r.overMinor} currency={r.currency} /> },
    { key: "short", label: "Short", align: "right", sortValue: (r) => r.shortMinor, render: (r) => <Variance minor={r.shortMinor} currency={r.currency} /> },
    { key: "variance", label: "Net", align: "right", sortValue: (r) => r.varianceMinor, render: (r) => <Variance minor={r.varianceMinor} currency={r.currency} /> },
    {
      key: "flagged",
      label: "Beyond threshold",
      align: "right",
      sortValue: (r) => r.flagged,
      render: (r) => <span className={r.flagged > 0 ? "text-red-600 dark:text-red-400" : undefined}>{formatCount(r.flagged)}</span>,
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
const covers = (q: CashQuery) => (q.fromMonth || q.toMonth ? "the months chosen" : "the last 12 months");

/** Over and short per technician; the machine's own reports that no one counted are a row of their own. */
export function TechnicianSummary({ query }: { query: CashQuery }) {
  const { byTechnician } = useSummaries(query);
  type Row = Summaries["byTechnician"][number];
  const name = (r: Row) => r.technicianName ?? (r.technicianId ? "Former member" : "Machine reports (not counted)");
  return (
    <div>
      <div className={frame}>
        <SortableTable
          rows={byTechnician}
          columns={[{ key: "name", label: "Technician", sortValue: name, render: name }, ...figureColumns<Row>()]}
          rowKey={(r) => `${r.technicianId ?? "machine"}-${r.currency}`}
          initialSort="short"
          initialDirection="asc"
          caption="Over and short per technician"
          empty="No collections with an expected amount in this period."
        />
      </div>
      <p className={note}>Covers {covers(query)}. Sorted by the largest shortfall first.</p>
    </div>
  );
}

/** Over and short per route: the route a count was made on, else the one the machine is on. */
export function RouteSummary({ query }: { query: CashQuery }) {
  const { byRoute } = useSummaries(query);
  type Row = Summaries["byRoute"][number];
  const name = (r: Row) => r.routeName ?? "No route";
  return (
    <div>
      <div className={frame}>
        <SortableTable
          rows={byRoute}
          columns={[{ key: "name", label: "Route", sortValue: name, render: name }, ...figureColumns<Row>()]}
          rowKey={(r) => `${r.routeId ?? "none"}-${r.currency}`}
          initialSort="short"
          initialDirection="asc"
          caption="Over and short per route"
          empty="No collections with an expected amount in this period."
        />
      </div>
      <p className={note}>Covers {covers(query)}. A collection counts on the route its count was made on, otherwise on the machine&apos;s route today.</p>
    </div>
  );
}

/** Over and short per month of the org's calendar. */
export function MonthSummary({ query }: { query: CashQuery }) {
  const { byMonth } = useSummaries(query);
  type Row = Summaries["byMonth"][number];
  return (
    <div>
      <div className={frame}>
        <SortableTable
          rows={byMonth}
          columns={[{ key: "month", label: "Month", sortValue: (r) => r.month, render: (r) => monthLabel(r.month) }, ...figureColumns<Row>()]}
          rowKey={(r) => `${r.month}-${r.currency}`}
          initialSort="month"
          caption="Over and short per month"
          empty="No collections with an expected amount in this period."
        />
      </div>
      <p className={note}>Covers {covers(query)}.</p>
    </div>
  );
}
