import type { Metadata } from "next";
import { Suspense } from "react";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { auditsListInput, auditsQueryFrom, withKnownMachine } from "./audits-query";
import { AuditsView } from "./audits-view";

export const metadata: Metadata = { title: "Audits" };

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
  return (
    <HydrateClient>
      <PageHeader
        title="Audits"
        description={
          hasRole(role, "technician")
            ? "DEX / EVA-DTS audit files read from your machines: upload them here, or let machines send their own. Each read is checked and compared with the one before and with telemetry."
            : "DEX / EVA-DTS audit files read from your machines, each checked and compared with the one before and with telemetry."
        }
      />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <AuditsView />
      </Suspense>
    </HydrateClient>
  );
}
