import { ShieldAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { AutoApproveSetting } from "./auto-approve-setting";
import { RequestsQueue } from "./requests-queue";

export async function generateMetadata() {
  const t = await getTranslations("refundRequests.page");
  return { title: t("title") };
}

export default async function RefundRequestsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/refund-requests`);
  const t = await getTranslations("refundRequests.page");
  const description = t("description");
  if (!hasRole(role, "manager")) {
    return (
      <>
        <PageHeader title={t("title")} description={description} />
        <EmptyState icon={<ShieldAlert />} title={t("notManagerTitle")}>
          {t("notManagerBody", { org: org.name })}
        </EmptyState>
      </>
    );
  }
  prefetch(trpc.refundRequests.list.queryOptions({ orgId: org.id }));
  prefetch(trpc.refundRequests.settings.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={description} />
      <div className="space-y-6">
        <Suspense fallback={<Skeleton className="h-24 w-full rounded-lg" />}>
          <AutoApproveSetting />
        </Suspense>
        <Suspense fallback={<TableSkeleton rows={5} className="" />}>
          <RequestsQueue />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
