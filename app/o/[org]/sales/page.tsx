import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { localDay } from "~/server/time";
import { requireMember } from "~/server/web";
import { salesCompareFrom, salesListInput, salesPageOptions, salesQueryFrom, withDefaultRange } from "./sales-query";
import { SalesView } from "./sales-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sales");
  return { title: t("meta.title") };
}

export default async function SalesPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/sales`);
  const search = toSearchParams(await searchParams);
  // The default range goes into the address, so the page says what it shows and a copied link shows the same.
  const defaulted = withDefaultRange(search, localDay(new Date(), org.timeZone));
  if (defaulted) redirect(`/o/${slug}/sales?${defaulted.toString()}`);
  const query = salesQueryFrom(search);
  const compare = salesCompareFrom(search, query);
  const orgId = org.id;
  const t = await getTranslations("sales");
  if (compare) {
    prefetch(trpc.sales.compare.queryOptions({ orgId, ...query, compare }));
  } else {
    prefetch(trpc.sales.totals.queryOptions({ orgId, ...query }));
    prefetch(trpc.sales.byDay.queryOptions({ orgId, ...query }));
  }
  void getQueryClient().prefetchInfiniteQuery(trpc.sales.list.infiniteQueryOptions(salesListInput(orgId, query), salesPageOptions));
  prefetch(trpc.machines.list.queryOptions({ orgId }));
  prefetch(trpc.locations.list.queryOptions({ orgId }));
  prefetch(trpc.products.list.queryOptions({ orgId }));
  return (
    <HydrateClient>
      <PageHeader title={t("meta.title")} description={t("page.description", { timeZone: org.timeZone })} />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <SalesView />
      </Suspense>
    </HydrateClient>
  );
}
