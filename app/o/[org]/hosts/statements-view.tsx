"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ReceiptText } from "lucide-react";
import { useMemo } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { formatCount } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { Stat } from "~/app/_components/ui/stat";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { hostStatementStatuses, type HostStatementStatus } from "~/server/hosts/contract";
import { formatMoney } from "~/server/money";
import { formatMonth } from "./months";
import { statementStatusLabels, statementStatusOptions } from "./statement-status";
import { StatementsTable } from "./statements-table";

/** The month's statements: how many in each state, the status filter (kept in the URL), the table with its totals. */
export function StatementsView({ month }: { month: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.hosts.statements.list.queryOptions({ orgId: org.id, month }));
  const [params, updateUrl] = useUrlQuery();
  const asked = params.get("status") as HostStatementStatus | null;
  const status = asked && hostStatementStatuses.includes(asked) ? asked : null;
  const all = data.statements;
  const shown = useMemo(() => (status ? all.filter((s) => s.status === status) : all), [all, status]);
  const counts = Object.fromEntries(hostStatementStatuses.map((s) => [s, all.filter((x) => x.status === s).length])) as Record<HostStatementStatus, number>;

  if (all.length === 0) {
    return (
      <EmptyState icon={<ReceiptText />} title={`No statements for ${formatMonth(month)}`}>
        Statements appear after a month closes, one for each place with a host contract in force that month. Set a contract on a location&apos;s page; managers can generate a closed month
        here without waiting for the monthly run.
      </EmptyState>
    );
  }

  const owed = data.totals.map((t) => formatMoney(t.totalMinor, t.currency)).join(" + ") || formatMoney(0, org.currency);
  return (
    <div className="space-y-4">
      <dl
        aria-label="Statements by state"
        className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-5 dark:border-zinc-800 dark:bg-zinc-800"
      >
        {hostStatementStatuses.map((s) => (
          <Stat key={s} label={statementStatusLabels[s]}>
            <span className={counts[s] > 0 && s === "draft" ? "tabular text-amber-700 dark:text-amber-300" : "tabular"}>{formatCount(counts[s])}</span>
          </Stat>
        ))}
        <Stat label="Owed to hosts" className="col-span-2 sm:col-span-1">
          <span className="tabular">{owed}</span>
        </Stat>
      </dl>
      <div className="flex flex-wrap items-center gap-2">
        <FilterChip label="Status" value={status} options={statementStatusOptions} onChange={(v) => updateUrl({ status: v })} />
      </div>
      {shown.length === 0 ? (
        <EmptyState icon={<ReceiptText />} title="No statements match">
          Remove the status filter to see the month&apos;s other statements.
        </EmptyState>
      ) : (
        <StatementsTable statements={shown} />
      )}
    </div>
  );
}
