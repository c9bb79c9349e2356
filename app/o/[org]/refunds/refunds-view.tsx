"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { LoaderCircle, Undo2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useDeferredValue, useMemo } from "react";
import { useFormat } from "~/app/_components/i18n/format";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { loadMoreOf } from "~/app/_components/ui/load-more";
import { useOrg } from "~/app/_components/org/org-context";
import { useRefundLabels } from "~/app/_components/labels/refund-labels";
import { Stat } from "~/app/_components/ui/stat";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { REFUND_ORIGINS, REFUND_STATUSES } from "~/server/payments/contract";
import { pageOptions, refundsListInput, refundsQueryFrom, type RefundsQuery } from "./refunds-query";
import { RefundsTable } from "./refunds-table";

const countTone: Partial<Record<(typeof REFUND_STATUSES)[number], string>> = {
  failed: "text-red-600 dark:text-red-400",
  pending: "text-amber-700 dark:text-amber-300",
};

/** Refunds per state, the filter (kept in the URL), then the refunds themselves, 50 at a time. */
export function RefundsView() {
  const t = useTranslations("refunds");
  const labels = useRefundLabels();
  const stateOptions = REFUND_STATUSES.map((s) => ({ value: s, label: t(`state.${s}`) }));
  const originOptions = REFUND_ORIGINS.map((o) => ({ value: o, label: labels.origin(o) }));
  const [params, updateUrl] = useUrlQuery();
  const queryString = params.toString();
  const query = useMemo(() => refundsQueryFrom(new URLSearchParams(queryString)), [queryString]);
  const shown = useDeferredValue(query);
  const loading = shown !== query;
  const filters = (
    <div className="flex flex-wrap items-center gap-2">
      <FilterChip label={t("view.stateFilter")} value={query.status ?? null} options={stateOptions} onChange={(v) => updateUrl({ status: v })} />
      <FilterChip label={t("view.originFilter")} value={query.origin ?? null} options={originOptions} onChange={(v) => updateUrl({ origin: v })} />
      {loading && <LoaderCircle aria-label={t("view.loading")} className="size-4 animate-spin text-zinc-500" />}
    </div>
  );
  return (
    <div aria-busy={loading}>
      <RefundsList query={shown} filters={filters} dimmed={loading} />
    </div>
  );
}

function RefundsList({ query, filters, dimmed }: { query: RefundsQuery; filters: React.ReactNode; dimmed: boolean }) {
  const org = useOrg();
  const t = useTranslations("refunds");
  const f = useFormat();
  const trpc = useTRPC();
  const list = useSuspenseInfiniteQuery(trpc.refunds.list.infiniteQueryOptions(refundsListInput(org.id, query), pageOptions));
  const refunds = list.data.pages.flatMap((p) => p.refunds);
  const counts = list.data.pages[0]!.counts;
  const total = REFUND_STATUSES.reduce((n, s) => n + counts[s], 0);
  const filtered = Object.keys(query).length > 0;

  return (
    <div className="space-y-4">
      <dl
        aria-label={t("view.byState")}
        className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800"
      >
        {REFUND_STATUSES.map((s) => (
          <Stat key={s} label={t(`state.${s}`)}>
            <span className={counts[s] > 0 ? `tabular ${countTone[s] ?? ""}` : "tabular"}>{f.count(counts[s])}</span>
          </Stat>
        ))}
      </dl>
      {filters}
      <div className={dimmed ? "opacity-60 transition-opacity" : undefined}>
        {refunds.length === 0 ? (
          <EmptyState icon={<Undo2 />} title={filtered && total > 0 ? t("view.noMatchTitle") : t("view.emptyTitle")}>
            {filtered && total > 0 ? t("view.noMatchBody") : t("view.emptyBody")}
          </EmptyState>
        ) : (
          <RefundsTable refunds={refunds} more={loadMoreOf(list)} />
        )}
      </div>
    </div>
  );
}
