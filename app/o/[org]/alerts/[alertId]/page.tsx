import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { AlertDetail } from "./alert-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alerts");
  return { title: t("meta.alert") };
}

export default async function AlertPage({ params }: { params: Promise<{ org: string; alertId: string }> }) {
  const { org: slug, alertId } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/alerts/${alertId}`);
  prefetch(trpc.alerts.get.queryOptions({ orgId: org.id, alertId }));
  prefetch(trpc.members.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <Suspense fallback={<TableSkeleton rows={6} className="" />}>
        <AlertDetail alertId={alertId} />
      </Suspense>
    </HydrateClient>
  );
}
