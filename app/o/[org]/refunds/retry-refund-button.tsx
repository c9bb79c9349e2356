"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { Refund } from "./refund-row";

/** Sends a failed refund again after asking; the list and its counts reload when it is queued. `large` for a phone's card. */
export function RetryRefundButton({ refund, large = false }: { refund: Refund; large?: boolean }) {
  const org = useOrg();
  const t = useTranslations("refunds.retry");
  const f = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(trpc.refunds.retry.mutationOptions());
  const amount = f.money(refund.amountMinor, refund.currency);
  return (
    <ConfirmDialog
      trigger={
        <Button size={large ? "lg" : "sm"} aria-label={refund.machineName ? t("labelAt", { amount, machine: refund.machineName }) : t("label", { amount })}>
          <RotateCcw aria-hidden />
          {t("retry")}
        </Button>
      }
      title={t("title")}
      description={
        <>
          {t("description", { amount })}
          {refund.lastError ? t("lastError", { error: refund.lastError }) : ""}
          {t("advice")}
        </>
      }
      confirmLabel={t("confirm")}
      tone="primary"
      onConfirm={async () => {
        await retry.mutateAsync({ orgId: org.id, refundId: refund.id });
        await queryClient.invalidateQueries({ queryKey: trpc.refunds.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.sales.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() });
      }}
    />
  );
}
