import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, getQueryClient, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { pageOptions, refundsListInput, refundsQueryFrom } from "./refunds-query";
import { RefundsView } from "./refunds-view";

export async function generateMetadata() {
  const t = await getTranslations("refunds.page");
  return { title: t("title") };
}

export default async function RefundsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/refunds`);
  const t = await getTranslations("refunds.page");
  const query = refundsQueryFrom(toSearchParams(await searchParams));
  void getQueryClient().prefetchInfiniteQuery(trpc.refunds.list.infiniteQueryOptions(refundsListInput(org.id, query), pageOptions));
  return (
    <HydrateClient>
      <PageHeader
        title={t("title")}
        description={t("description")}
      />
      <Suspense
        fallback={
          <div className="space-y-5">
            <Skeleton className="h-20 w-full" />
            <TableSkeleton rows={8} className="" />
          </div>
        }
      >
        <RefundsView />
      </Suspense>
    </HydrateClient>
  );
}
