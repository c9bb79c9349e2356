import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { MembershipSettings } from "./membership-settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("meta.membership") };
}

export default async function MembershipPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/settings/membership`);
  prefetch(trpc.loyalty.get.queryOptions({ orgId: org.id }));
  const editable = hasRole(role, "admin");
  const t = await getTranslations("settings");
  return (
    <HydrateClient>
      <PageHeader
        title={t("meta.membership")}
        description={editable ? t("membership.description") : t("membership.readOnly", { role: t(`roleInline.${role}`) })}
      />
      <Suspense
        fallback={
          <div role="status" aria-label={t("membership.loading")} className="max-w-3xl space-y-4">
            <Skeleton className="h-20 w-full" />
            <Skeleton className="h-72 w-full" />
          </div>
        }
      >
        <MembershipSettings editable={editable} />
      </Suspense>
    </HydrateClient>
  );
}
