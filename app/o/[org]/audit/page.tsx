import { ShieldAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Suspense } from "react";
import { buttonClasses } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { AuditLog } from "./audit-log";
import { auditPageOptions } from "./describe-entry";

export async function generateMetadata() {
  const t = await getTranslations("auditLog.page");
  return { title: t("title") };
}

export default async function AuditPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/audit`);
  const t = await getTranslations("auditLog.page");
  const roles = await getTranslations("common.roles");
  if (!hasRole(role, "admin")) {
    return (
      <>
        <PageHeader title={t("title")} />
        <EmptyState
          icon={<ShieldAlert />}
          title={t("adminOnlyTitle")}
          action={
            <Link href={`/o/${org.slug}`} className={buttonClasses("secondary")}>
              {t("backToOverview")}
            </Link>
          }
        >
          {t("adminOnlyBody", { article: /^[aeiou]/i.test(role) ? "an" : "a", role: roles(role).toLowerCase(), org: org.name })}
        </EmptyState>
      </>
    );
  }
  void getQueryClient().prefetchInfiniteQuery(trpc.audit.list.infiniteQueryOptions({ orgId: org.id }, auditPageOptions));
  prefetch(trpc.members.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={t("description", { org: org.name, timeZone: org.timeZone })} />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <AuditLog />
      </Suspense>
    </HydrateClient>
  );
}
