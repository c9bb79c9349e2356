import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { CardFeesView } from "./card-fees-view";

export const metadata: Metadata = { title: "Card fees" };

export default async function CardFeesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/settings/card-fees`);
  prefetch(trpc.profit.cardFees.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title="Card fees"
        description="What your payment providers keep of each payment, by payment method: a share of the amount plus a fixed amount per payment. Profit per place subtracts them."
      />
      <Suspense fallback={<TableSkeleton rows={4} className="" />}>
        <CardFeesView canEdit={hasRole(role, "admin")} />
      </Suspense>
    </HydrateClient>
  );
}
