import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { PlanActions } from "./plan-actions";
import { PlansView } from "./plans-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("plans.page");
  return { title: t("title") };
}

export default async function PlansPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/plans`);
  const t = await getTranslations("plans.page");
  prefetch(trpc.plans.get.queryOptions({ orgId: org.id }));
  prefetch(trpc.plans.settings.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={hasRole(role, "manager") && <PlanActions />}
      />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <PlansView />
      </Suspense>
    </HydrateClient>
  );
}
