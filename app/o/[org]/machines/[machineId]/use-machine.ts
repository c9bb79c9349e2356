"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { LIVE_REFRESH_MS } from "../fleet-query";

export type MachineDetail = RouterOutputs["machines"]["get"];
export type PlanogramSlot = RouterOutputs["planogram"]["get"][number];

/** The machine's header data (machine, location, credentials state, alerts), kept live. */
export function useMachine(machineId: string): MachineDetail {
  const org = useOrg();
  const trpc = useTRPC();
  return useSuspenseQuery(trpc.machines.get.queryOptions({ orgId: org.id, machineId }, { refetchInterval: LIVE_REFRESH_MS })).data;
}

/** The machine's slots with product, price and live stock. */
export function usePlanogram(machineId: string): PlanogramSlot[] {
  const org = useOrg();
  const trpc = useTRPC();
  return useSuspenseQuery(trpc.planogram.get.queryOptions({ orgId: org.id, machineId }, { refetchInterval: LIVE_REFRESH_MS })).data;
}

/** Refetches what a change to the machine affects: its page, its planogram and the fleet list. */
export function useRefreshMachine(machineId: string): () => Promise<void> {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.machines.get.queryKey({ orgId: org.id, machineId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.planogram.get.queryKey({ orgId: org.id, machineId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.machines.list.pathKey() }),
    ]);
  };
}
