"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LoaderCircle, RefreshCw, SlidersHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { PlanSettingsDialog } from "./plan-settings-dialog";

/** Managers: change the planning settings, or forecast again now. */
export function PlanActions() {
  const t = useTranslations("plans.actions");
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useMutation(
    trpc.plans.refresh.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() }) }),
  );
  return (
    <>
      <Button onClick={() => refresh.mutate({ orgId: org.id })} disabled={refresh.isPending} aria-label={t("forecastAgain")}>
        {refresh.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <RefreshCw aria-hidden />}
        <span className="hidden sm:inline">{t("forecastNow")}</span>
      </Button>
      <PlanSettingsDialog
        trigger={
          <Button variant="primary">
            <SlidersHorizontal aria-hidden />
            {t("settings")}
          </Button>
        }
      />
    </>
  );
}
