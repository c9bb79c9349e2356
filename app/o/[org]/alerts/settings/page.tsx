import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { AlertSettingsForm } from "./alert-settings-form";
import { MachineRangeForm } from "./machine-range-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alerts");
  return { title: t("meta.thresholds") };
}

export default async function AlertSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/alerts/settings`);
  const t = await getTranslations("alerts");
  prefetch(trpc.alerts.settings.queryOptions({ orgId: org.id }));
  prefetch(trpc.machines.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader title={t("meta.thresholds")} description={t("settings.description")} />
      <Suspense fallback={<TableSkeleton rows={6} className="" />}>
        <div className="grid gap-6 xl:grid-cols-2">
          <AlertSettingsForm />
          <MachineRangeForm />
        </div>
      </Suspense>
    </HydrateClient>
  );
}
