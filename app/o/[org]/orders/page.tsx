import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { OrdersView } from "./orders-view";
import { ordersListInput, ordersQueryFrom, pageOptions } from "./orders-query";

export const metadata: Metadata = { title: "Online orders" };

export default async function OrdersPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/orders`);
  const query = ordersQueryFrom(toSearchParams(await searchParams));
  void getQueryClient().prefetchInfiniteQuery(trpc.orders.list.infiniteQueryOptions(ordersListInput(org.id, query), pageOptions));
  prefetch(trpc.machines.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title="Online orders"
        description={`What consumers paid for on your machines' checkout pages, newest first. Times in ${org.timeZone}.`}
      />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <OrdersView />
      </Suspense>
    </HydrateClient>
  );
}
