import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { auditsListInput, auditsQueryFrom, withKnownMachine } from "./audits-query";
import { AuditsView } from "./audits-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audits");
  return { title: t("meta.title") };
}

export default async function AuditsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/audits`);
  const machines = await getQueryClient().fetchQuery(trpc.machines.list.queryOptions({ orgId: org.id }));
  const query = withKnownMachine(auditsQueryFrom(toSearchParams(await searchParams)), machines);
  prefetch(trpc.audits.list.queryOptions(auditsListInput(org.id, query)));
  const t = await getTranslations("audits");
  return (
    <HydrateClient>
      <PageHeader
        title={t("meta.title")}
        description={hasRole(role, "technician") ? t("page.descriptionUpload") : t("page.description")}
      />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <AuditsView />
      </Suspense>
    </HydrateClient>
  );
}
