"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { LoaderCircle, Undo2 } from "lucide-react";
import { useDeferredValue, useMemo } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { loadMoreOf } from "~/app/_components/ui/load-more";
import { formatCount } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { refundOriginLabels } from "~/app/_components/labels/refund-labels";
import { Stat } from "~/app/_components/ui/stat";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { REFUND_ORIGINS, REFUND_STATUSES } from "~/server/payments/contract";
import { pageOptions, refundStateLabels, refundsListInput, refundsQueryFrom, type RefundsQuery } from "./refunds-query";
import { RefundsTable } from "./refunds-table";

const stateOptions = REFUND_STATUSES.map((s) => ({ value: s, label: refundStateLabels[s] }));
const originOptions = REFUND_ORIGINS.map((o) => ({ value: o, label: refundOriginLabels[o] }));
const countTone: Partial<Record<(typeof REFUND_STATUSES)[number], string>> = {
  failed: "text-red-600 dark:text-red-400",
  pending: "text-amber-700 dark:text-amber-300",
};

/** Refunds per state, the filter (kept in the URL), then the refunds themselves, 50 at a time. */
export function RefundsView() {
  const [params, updateUrl] = useUrlQuery();
  const queryString = params.toString();
  const query = useMemo(() => refundsQueryFrom(new URLSearchParams(queryString)), [queryString]);
  const shown = useDeferredValue(query);
  const loading = shown !== query;
  const filters = (
    <div className="flex flex-wrap items-center gap-2">
      <FilterChip label="State" value={query.status ?? null} options={stateOptions} onChange={(v) => updateUrl({ status: v })} />
      <FilterChip label="Origin" value={query.origin ?? null} options={originOptions} onChange={(v) => updateUrl({ origin: v })} />
      {loading && <LoaderCircle aria-label="Loading" className="size-4 animate-spin text-zinc-500" />}
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
  const trpc = useTRPC();
  const list = useSuspenseInfiniteQuery(trpc.refunds.list.infiniteQueryOptions(refundsListInput(org.id, query), pageOptions));
  const refunds = list.data.pages.flatMap((p) => p.refunds);
  const counts = list.data.pages[0]!.counts;
  const total = REFUND_STATUSES.reduce((n, s) => n + counts[s], 0);
  const filtered = Object.keys(query).length > 0;

  return (
    <div className="space-y-4">
      <dl
        aria-label="Refunds by state"
        className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800"
      >
        {REFUND_STATUSES.map((s) => (
          <Stat key={s} label={refundStateLabels[s]}>
            <span className={counts[s] > 0 ? `tabular ${countTone[s] ?? ""}` : "tabular"}>{formatCount(counts[s])}</span>
          </Stat>
        ))}
      </dl>
      {filters}
      <div className={dimmed ? "opacity-60 transition-opacity" : undefined}>
        {refunds.length === 0 ? (
          <EmptyState icon={<Undo2 />} title={filtered && total > 0 ? "No refunds match" : "No refunds yet"}>
            {filtered && total > 0
              ? "Remove a filter to see the other refunds."
              : "When a paid vend fails or an online order is not vended in time, its refund starts here on its own. Managers can also refund a sale from the Sales page, or approve a consumer's request."}
          </EmptyState>
        ) : (
          <RefundsTable refunds={refunds} more={loadMoreOf(list)} />
        )}
      </div>
    </div>
  );
}
