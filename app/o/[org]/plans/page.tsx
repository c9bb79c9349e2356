import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { PlanActions } from "./plan-actions";
import { PlansView } from "./plans-view";

export const metadata: Metadata = { title: "Plans" };

export default async function PlansPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/plans`);
  prefetch(trpc.plans.get.queryOptions({ orgId: org.id }));
  prefetch(trpc.plans.settings.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title="Plans"
        description="Which machines to visit on which day: a visit is planned when the sales it saves are worth more than it costs."
        actions={hasRole(role, "manager") && <PlanActions />}
      />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <PlansView />
      </Suspense>
    </HydrateClient>
  );
}
