import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { OrdersView } from "./orders-view";
import { ordersListInput, ordersQueryFrom, pageOptions } from "./orders-query";

export async function generateMetadata() {
  const t = await getTranslations("orders.page");
  return { title: t("title") };
}

export default async function OrdersPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/orders`);
  const t = await getTranslations("orders.page");
  const query = ordersQueryFrom(toSearchParams(await searchParams));
  void getQueryClient().prefetchInfiniteQuery(trpc.orders.list.infiniteQueryOptions(ordersListInput(org.id, query), pageOptions));
  prefetch(trpc.machines.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title={t("title")}
        description={t("description", { timeZone: org.timeZone })}
      />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <OrdersView />
      </Suspense>
    </HydrateClient>
  );
}
