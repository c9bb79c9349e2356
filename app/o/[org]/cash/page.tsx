import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { PageHeader } from "~/app/_components/ui/page-header";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { CashSkeleton } from "./cash-skeleton";
import { cashListInput, cashPageOptions, cashQueryFrom, thisMonth, trendInput } from "./cash-query";
import { CashView } from "./cash-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cash");
  return { title: t("meta.title") };
}

export default async function CashPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/cash`);
  const query = cashQueryFrom(toSearchParams(await searchParams));
  const orgId = org.id;
  const t = await getTranslations("cash");
  const month = thisMonth(org.timeZone);
  prefetch(trpc.cash.expected.queryOptions({ orgId }));
  prefetch(trpc.cash.summaries.queryOptions({ orgId, fromMonth: month, toMonth: month }));
  prefetch(trpc.cash.summaries.queryOptions({ orgId, ...query }));
  prefetch(trpc.cash.trend.queryOptions(trendInput(orgId, org.timeZone)));
  void getQueryClient().prefetchInfiniteQuery(trpc.cash.list.infiniteQueryOptions(cashListInput(orgId, query), cashPageOptions));
  prefetch(trpc.machines.list.queryOptions({ orgId }));
  prefetch(trpc.routes.list.queryOptions({ orgId }));
  prefetch(trpc.routes.technicians.queryOptions({ orgId }));
  return (
    <HydrateClient>
      <PageHeader
        title={t("meta.title")}
        description={t("page.description", { timeZone: org.timeZone })}
      />
      <Suspense fallback={<CashSkeleton />}>
        <CashView />
      </Suspense>
    </HydrateClient>
  );
}
