import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { ApiKeysView } from "./api-keys-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("meta.apiKeys") };
}

export default async function ApiKeysPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/settings/api-keys`);
  const t = await getTranslations("settings");
  const header = (
    <PageHeader
      title={t("meta.apiKeys")}
      description={t.rich("apiKeys.description", {
        reference: (chunks) => (
          <Link href="/docs/api" className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            {chunks}
          </Link>
        ),
        openapi: (chunks) => (
          <a href="/api/v1/openapi.json" className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            {chunks}
          </a>
        ),
      })}
    />
  );
  if (!hasRole(role, "admin")) {
    return (
      <>
        {header}
        <EmptyState icon={<ShieldAlert />} title={t("apiKeys.needAdmin")}>
          {t("apiKeys.askAdmin", { org: org.name })}
        </EmptyState>
      </>
    );
  }
  prefetch(trpc.apiKeys.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      {header}
      <Suspense fallback={<TableSkeleton rows={4} className="" />}>
        <ApiKeysView />
      </Suspense>
    </HydrateClient>
  );
}
