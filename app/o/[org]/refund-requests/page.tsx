import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Refund requests" };

const description = "Consumers who reported a problem with a purchase. Approving refunds it in full; rejecting tells them why.";

export default async function RefundRequestsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/refund-requests`);
  if (!hasRole(role, "manager")) {
    return (
      <>
        <PageHeader title="Refund requests" description={description} />
        <EmptyState icon={<ShieldAlert />} title="Managers decide on refund requests">
          Ask a manager, an admin or an owner of {org.name} if a consumer is waiting for an answer.
        </EmptyState>
      </>
    );
  }
  prefetch(trpc.refundRequests.list.queryOptions({ orgId: org.id }));
  prefetch(trpc.refundRequests.settings.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader title="Refund requests" description={description} />
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
