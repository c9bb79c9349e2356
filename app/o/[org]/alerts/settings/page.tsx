import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { AlertSettingsForm } from "./alert-settings-form";
import { MachineRangeForm } from "./machine-range-form";

export const metadata: Metadata = { title: "Alert thresholds" };

export default async function AlertSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/alerts/settings`);
  prefetch(trpc.alerts.settings.queryOptions({ orgId: org.id }));
  prefetch(trpc.machines.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader title="Alert thresholds" description="When a machine's silence, stock, temperature, door or vends become an alert. Admins change the organization's; managers set machine ranges." />
      <Suspense fallback={<TableSkeleton rows={6} className="" />}>
        <div className="grid gap-6 xl:grid-cols-2">
          <AlertSettingsForm />
          <MachineRangeForm />
        </div>
      </Suspense>
    </HydrateClient>
  );
}
