import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { buttonClasses } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole, roleLabels } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { AuditLog } from "./audit-log";
import { auditPageOptions } from "./describe-entry";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/audit`);
  if (!hasRole(role, "admin")) {
    return (
      <>
        <PageHeader title="Audit log" />
        <EmptyState
          icon={<ShieldAlert />}
          title="You need the admin role to see the audit log"
          action={
            <Link href={`/o/${org.slug}`} className={buttonClasses("secondary")}>
              Back to overview
            </Link>
          }
        >
          You are {/^[aeiou]/i.test(role) ? "an" : "a"} {roleLabels[role].toLowerCase()} in {org.name}. Ask an owner or admin if you need to
          see who changed what.
        </EmptyState>
      </>
    );
  }
  void getQueryClient().prefetchInfiniteQuery(trpc.audit.list.infiniteQueryOptions({ orgId: org.id }, auditPageOptions));
  prefetch(trpc.members.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader title="Audit log" description={`Every change to ${org.name}, who made it and when. Times are in ${org.timeZone}.`} />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <AuditLog />
      </Suspense>
    </HydrateClient>
  );
}
