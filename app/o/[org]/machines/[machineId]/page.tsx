import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { requireMember } from "~/server/web";
import { eventsInput, eventsPageOptions } from "./describe-event";
import { machineAuditsInput } from "./audits-query";
import { MachineView } from "./machine-view";

type Params = Promise<{ org: string; machineId: string }>;

/**
 * The machine's detail, or 404 when it does not exist or belongs to another organization. Awaited
 * before anything streams (no loading.tsx above this page), so the answer's status is a real 404.
 */
async function loadMachine(slug: string, machineId: string) {
  const { org } = await requireMember(slug, `/o/${slug}/machines/${machineId}`);
  try {
    const detail = await getQueryClient().fetchQuery({ ...trpc.machines.get.queryOptions({ orgId: org.id, machineId }), retry: false });
    return { org, detail };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org, machineId } = await params;
  const { detail } = await loadMachine(org, machineId);
  return { title: detail.machine.name };
}

export default async function MachinePage({ params }: { params: Params }) {
  const { org: slug, machineId } = await params;
  const { org } = await loadMachine(slug, machineId);
  prefetch(trpc.planogram.get.queryOptions({ orgId: org.id, machineId }));
  prefetch(trpc.audits.machineSummary.queryOptions({ orgId: org.id, machineId }));
  prefetch(trpc.audits.list.queryOptions(machineAuditsInput(org.id, machineId)));
  prefetch(trpc.audits.selectionMap.queryOptions({ orgId: org.id, machineId }));
  void getQueryClient().prefetchInfiniteQuery(trpc.machines.events.infiniteQueryOptions(eventsInput(org.id, machineId), eventsPageOptions));
  return (
    <HydrateClient>
      <MachineView machineId={machineId} />
    </HydrateClient>
  );
}
