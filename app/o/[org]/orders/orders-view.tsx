"use client";

import { useSuspenseInfiniteQuery, useSuspenseQuery } from "@tanstack/react-query";
import { LoaderCircle, QrCode } from "lucide-react";
import { useTranslations } from "next-intl";
import { useDeferredValue, useMemo } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { loadMoreOf } from "~/app/_components/ui/load-more";
import { useOrg } from "~/app/_components/org/org-context";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { OrdersTable } from "./orders-table";
import { ORDER_STATUSES } from "~/server/payments/contract";
import { ordersListInput, ordersQueryFrom, pageOptions, type OrdersQuery } from "./orders-query";

/** Filters kept in the URL (state, machine), then the orders for them, 50 at a time. */
export function OrdersView() {
  const org = useOrg();
  const t = useTranslations("orders");
  const statusOptions = ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));
  const trpc = useTRPC();
  const [params, updateUrl] = useUrlQuery();
  const queryString = params.toString();
  const query = useMemo(() => ordersQueryFrom(new URLSearchParams(queryString)), [queryString]);
  // The previous filter's rows stay up (dimmed) while the new ones load.
  const shown = useDeferredValue(query);
  const loading = shown !== query;
  const { data: machines } = useSuspenseQuery(trpc.machines.list.queryOptions({ orgId: org.id }));
  const change = (changes: Partial<Record<keyof OrdersQuery, string | null>>) => updateUrl(changes);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <FilterChip label={t("view.statusFilter")} value={query.status ?? null} options={statusOptions} onChange={(v) => change({ status: v })} />
        <FilterChip
          label={t("view.machineFilter")}
          value={query.machineId ?? null}
          options={machines.map((m) => ({ value: m.id, label: m.name }))}
          onChange={(v) => change({ machineId: v })}
        />
        {loading && <LoaderCircle aria-label={t("view.loading")} className="size-4 animate-spin text-zinc-500" />}
      </div>
      <div aria-busy={loading} className={loading ? "opacity-60 transition-opacity" : undefined}>
        <OrdersList query={shown} />
      </div>
    </div>
  );
}

function OrdersList({ query }: { query: OrdersQuery }) {
  const org = useOrg();
  const t = useTranslations("orders.view");
  const trpc = useTRPC();
  const list = useSuspenseInfiniteQuery(trpc.orders.list.infiniteQueryOptions(ordersListInput(org.id, query), pageOptions));
  const orders = list.data.pages.flatMap((p) => p.orders);

  if (orders.length === 0) {
    const filtered = Object.keys(query).length > 0;
    return (
      <EmptyState icon={<QrCode />} title={filtered ? t("noMatchTitle") : t("emptyTitle")}>
        {filtered ? t("noMatchBody") : t.rich("emptyBody", { path: (chunks) => <span className="font-mono text-xs">{chunks}</span> })}
      </EmptyState>
    );
  }

  return (
    <OrdersTable orders={orders} more={loadMoreOf(list)} />
  );
}
