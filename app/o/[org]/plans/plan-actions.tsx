"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LoaderCircle, RefreshCw, SlidersHorizontal } from "lucide-react";
import { Button } from "~/app/_components/ui/button";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { PlanSettingsDialog } from "./plan-settings-dialog";

/** Managers: change the planning settings, or forecast again now. */
export function PlanActions() {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useMutation(
    trpc.plans.refresh.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() }) }),
  );
  return (
    <>
      <Button onClick={() => refresh.mutate({ orgId: org.id })} disabled={refresh.isPending} aria-label="Forecast again now">
        {refresh.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <RefreshCw aria-hidden />}
        <span className="hidden sm:inline">Forecast now</span>
      </Button>
      <PlanSettingsDialog
        trigger={
          <Button variant="primary">
            <SlidersHorizontal aria-hidden />
            Settings
          </Button>
        }
      />
    </>
  );
}
