import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { CardFeesView } from "./card-fees-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("meta.cardFees") };
}

export default async function CardFeesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/settings/card-fees`);
  prefetch(trpc.profit.cardFees.queryOptions({ orgId: org.id }));
  const t = await getTranslations("settings");
  return (
    <HydrateClient>
      <PageHeader
        title={t("meta.cardFees")}
        description={t("cardFees.description")}
      />
      <Suspense fallback={<TableSkeleton rows={4} className="" />}>
        <CardFeesView canEdit={hasRole(role, "admin")} />
      </Suspense>
    </HydrateClient>
  );
}
