import { ShieldAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { WebhooksView } from "./webhooks-view";

export async function generateMetadata() {
  const t = await getTranslations("webhooks.page");
  return { title: t("title") };
}

export default async function WebhooksPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/webhooks`);
  const t = await getTranslations("webhooks.page");
  const header = <PageHeader title={t("title")} description={t("description")} />;
  if (!hasRole(role, "admin")) {
    return (
      <>
        {header}
        <EmptyState icon={<ShieldAlert />} title={t("adminOnlyTitle")}>
          {t("adminOnlyBody", { org: org.name })}
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
