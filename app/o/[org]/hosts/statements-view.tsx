"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ReceiptText } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useFormat } from "~/app/_components/i18n/format";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { useOrg } from "~/app/_components/org/org-context";
import { Stat } from "~/app/_components/ui/stat";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { hostStatementStatuses, type HostStatementStatus } from "~/server/hosts/contract";
import { formatMonth } from "./months";
import { useStatementStatus } from "./statement-status";
import { StatementsTable } from "./statements-table";

/** The month's statements: how many in each state, the status filter (kept in the URL), the table with its totals. */
export function StatementsView({ month }: { month: string }) {
  const org = useOrg();
  const t = useTranslations("hosts.view");
  const f = useFormat();
  const statuses = useStatementStatus();
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
      <EmptyState icon={<ReceiptText />} title={t("emptyTitle", { month: formatMonth(month, f.locale) })}>
        {t("emptyBody")}
      </EmptyState>
    );
  }

  const owed = data.totals.map((x) => f.money(x.totalMinor, x.currency)).join(" + ") || f.money(0, org.currency);
  return (
    <div className="space-y-4">
      <dl
        aria-label={t("byState")}
        className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-5 dark:border-zinc-800 dark:bg-zinc-800"
      >
        {hostStatementStatuses.map((s) => (
          <Stat key={s} label={statuses.label(s)}>
            <span className={counts[s] > 0 && s === "draft" ? "tabular text-amber-700 dark:text-amber-300" : "tabular"}>{f.count(counts[s])}</span>
          </Stat>
        ))}
        <Stat label={t("owed")} className="col-span-2 sm:col-span-1">
          <span className="tabular">{owed}</span>
        </Stat>
      </dl>
      <div className="flex flex-wrap items-center gap-2">
        <FilterChip label={t("statusFilter")} value={status} options={statuses.options} onChange={(v) => updateUrl({ status: v })} />
      </div>
      {shown.length === 0 ? (
        <EmptyState icon={<ReceiptText />} title={t("noMatchTitle")}>
          {t("noMatchBody")}
        </EmptyState>
      ) : (
        <StatementsTable statements={shown} />
      )}
    </div>
  );
}
