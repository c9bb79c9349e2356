import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { InvitationsPanel } from "./invitations-panel";
import { MembersTable } from "./members-table";

export async function generateMetadata() {
  const t = await getTranslations("members.page");
  return { title: t("title") };
}

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/members`);
  const admin = hasRole(role, "admin");
  const t = await getTranslations("members.page");
  prefetch(trpc.members.list.queryOptions({ orgId: org.id }));
  if (admin) prefetch(trpc.invitations.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title={t("title")}
        description={admin ? t("descriptionAdmin") : t("description")}
      />
      <Suspense fallback={<TableSkeleton />}>
        <MembersTable />
      </Suspense>
      {admin && (
        <Suspense fallback={<TableSkeleton />}>
          <InvitationsPanel />
        </Suspense>
      )}
    </HydrateClient>
  );
}

