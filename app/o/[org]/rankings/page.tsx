import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { periodOf, rankingsQueryFrom } from "./rankings-query";
import { RankingsView } from "./rankings-view";

export async function generateMetadata() {
  const t = await getTranslations("rankings.page");
  return { title: t("title") };
}

export default async function RankingsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/rankings`);
  const t = await getTranslations("rankings.page");
  const query = rankingsQueryFrom(toSearchParams(await searchParams));
  prefetch(trpc.analytics.rankings.queryOptions({ orgId: org.id, ...periodOf(query.days, org.timeZone, query.locationId) }));
  prefetch(trpc.profit.places.queryOptions({ orgId: org.id, ...periodOf(query.days, org.timeZone) }));
  prefetch(trpc.locations.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={t("description", { timeZone: org.timeZone })} />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <RankingsView />
      </Suspense>
    </HydrateClient>
  );
}
