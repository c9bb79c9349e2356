import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { PreferencesForm } from "./preferences-form";

export async function generateMetadata() {
  const t = await getTranslations("notifications.preferences");
  return { title: t("title") };
}

export default async function PreferencesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/notifications/preferences`);
  const t = await getTranslations("notifications.preferences");
  prefetch(trpc.notifications.preferences.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={t("description", { org: org.name })} />
      <Suspense fallback={<TableSkeleton rows={2} className="" />}>
        <PreferencesForm />
      </Suspense>
    </HydrateClient>
  );
}
