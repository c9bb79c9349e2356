import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { periodOf, rankingsQueryFrom } from "./rankings-query";
import { RankingsView } from "./rankings-view";

export const metadata: Metadata = { title: "Rankings" };

export default async function RankingsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/rankings`);
  const query = rankingsQueryFrom(toSearchParams(await searchParams));
  prefetch(trpc.analytics.rankings.queryOptions({ orgId: org.id, ...periodOf(query.days, org.timeZone, query.locationId) }));
  prefetch(trpc.profit.places.queryOptions({ orgId: org.id, ...periodOf(query.days, org.timeZone) }));
  prefetch(trpc.locations.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader title="Rankings" description={`What sells, what to drop and which places earn their keep after commission, card fees and visits. Days are in ${org.timeZone}.`} />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <RankingsView />
      </Suspense>
    </HydrateClient>
  );
}
