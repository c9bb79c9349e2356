import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { WebhooksView } from "./webhooks-view";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/webhooks`);
  const header = (
    <PageHeader
      title="Webhooks"
      description="Alert events POSTed to your systems, signed with Standard Webhooks under each endpoint's own secret, retried with backoff for about 11 hours."
    />
  );
  if (!hasRole(role, "admin")) {
    return (
      <>
        {header}
        <EmptyState icon={<ShieldAlert />} title="You need the admin role to manage webhooks">
          Ask an owner or admin of {org.name}.
        </EmptyState>
      </>
    );
  }
  prefetch(trpc.webhooks.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      {header}
      <Suspense fallback={<TableSkeleton rows={4} className="" />}>
        <WebhooksView />
      </Suspense>
    </HydrateClient>
  );
}
