import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { PaymentProvidersView } from "./payment-providers-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("payments");
  return { title: t("title") };
}

export default async function PaymentProvidersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/settings/payments`);
  const t = await getTranslations("payments");
  const header = <PageHeader title={t("title")} description={t("description")} />;
  if (!hasRole(role, "admin")) {
    return (
      <>
        {header}
        <EmptyState icon={<ShieldAlert />} title={t("adminsOnly")}>
          {t("askAdmin", { org: org.name })}
        </EmptyState>
      </>
    );
  }
  prefetch(trpc.paymentProviders.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      {header}
      <Suspense fallback={<TableSkeleton rows={4} className="" />}>
        <PaymentProvidersView />
      </Suspense>
    </HydrateClient>
  );
}
