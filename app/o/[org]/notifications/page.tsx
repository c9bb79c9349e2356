import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SlidersHorizontal } from "lucide-react";
import { Suspense } from "react";
import { buttonClasses } from "~/app/_components/ui/button";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { NotificationsInbox } from "./notifications-inbox";

export async function generateMetadata() {
  const t = await getTranslations("notifications.page");
  return { title: t("title") };
}

export default async function NotificationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/notifications`);
  const t = await getTranslations("notifications.page");
  prefetch(trpc.notifications.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href={`/o/${org.slug}/notifications/preferences`} className={buttonClasses("secondary")}>
            <SlidersHorizontal aria-hidden />
            {t("preferences")}
          </Link>
        }
      />
      <Suspense fallback={<TableSkeleton rows={6} className="" />}>
        <NotificationsInbox />
      </Suspense>
    </HydrateClient>
  );
}
