import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/page-header";
import { TableSkeleton } from "~/app/_components/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/roles";
import { requireMember } from "../../org-access";
import { TodayView } from "./today-view";

export const metadata: Metadata = { title: "Today's route" };

export default async function TodayPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/routes/today`);
  if (!hasRole(role, "technician")) {
    return <PageHeader title="Today's route" description="Technicians see their route here. Ask an admin for the technician role to record visits." />;
  }
  prefetch(trpc.routes.mine.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <Suspense fallback={<TableSkeleton rows={4} className="" />}>
        <TodayView />
      </Suspense>
    </HydrateClient>
  );
}
