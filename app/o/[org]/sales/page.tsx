import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { salesListInput, salesPageOptions, salesQueryFrom } from "./sales-query";
import { SalesView } from "./sales-view";

export const metadata: Metadata = { title: "Sales" };

export default async function SalesPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/sales`);
  const query = salesQueryFrom(toSearchParams(await searchParams));
  const orgId = org.id;
  prefetch(trpc.sales.totals.queryOptions({ orgId, ...query }));
  prefetch(trpc.sales.byDay.queryOptions({ orgId, ...query }));
  void getQueryClient().prefetchInfiniteQuery(trpc.sales.list.infiniteQueryOptions(salesListInput(orgId, query), salesPageOptions));
  prefetch(trpc.machines.list.queryOptions({ orgId }));
  prefetch(trpc.locations.list.queryOptions({ orgId }));
  prefetch(trpc.products.list.queryOptions({ orgId }));
  return (
    <HydrateClient>
      <PageHeader title="Sales" description={`Every vend your machines reported. Days are in ${org.timeZone}; amounts in the sale's currency.`} />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <SalesView />
      </Suspense>
    </HydrateClient>
  );
}
