import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole, roleLabels } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { MembershipSettings } from "./membership-settings";

export const metadata: Metadata = { title: "Membership" };

export default async function MembershipPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/settings/membership`);
  prefetch(trpc.loyalty.get.queryOptions({ orgId: org.id }));
  const editable = hasRole(role, "admin");
  return (
    <HydrateClient>
      <PageHeader
        title="Membership"
        description={
          editable
            ? "Consumers with an account earn points on every purchase they pay for, and reach tiers as their points grow."
            : `The points program consumers see. You can see it as ${roleLabels[role].toLowerCase()}; an owner or admin can change it.`
        }
      />
      <Suspense
        fallback={
          <div role="status" aria-label="Loading" className="max-w-3xl space-y-4">
            <Skeleton className="h-20 w-full" />
            <Skeleton className="h-72 w-full" />
          </div>
        }
      >
        <MembershipSettings editable={editable} />
      </Suspense>
    </HydrateClient>
  );
}
