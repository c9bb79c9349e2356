import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { PreferencesForm } from "./preferences-form";

export const metadata: Metadata = { title: "Notification preferences" };

export default async function PreferencesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/notifications/preferences`);
  prefetch(trpc.notifications.preferences.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader title="Notification preferences" description={`How you hear about alerts in ${org.name}. Yours only; each member sets their own.`} />
      <Suspense fallback={<TableSkeleton rows={2} className="" />}>
        <PreferencesForm />
      </Suspense>
    </HydrateClient>
  );
}
