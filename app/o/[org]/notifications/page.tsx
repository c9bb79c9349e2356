import type { Metadata } from "next";
import Link from "next/link";
import { SlidersHorizontal } from "lucide-react";
import { Suspense } from "react";
import { buttonClasses } from "~/app/_components/ui/button";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { NotificationsInbox } from "./notifications-inbox";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireMember(slug, `/o/${slug}/notifications`);
  prefetch(trpc.notifications.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title="Notifications"
        description="What you were told about, newest first."
        actions={
          <Link href={`/o/${org.slug}/notifications/preferences`} className={buttonClasses("secondary")}>
            <SlidersHorizontal aria-hidden />
            Preferences
          </Link>
        }
      />
      <Suspense fallback={<TableSkeleton rows={6} className="" />}>
        <NotificationsInbox />
      </Suspense>
    </HydrateClient>
  );
}
