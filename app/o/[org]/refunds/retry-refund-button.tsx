"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { formatMoney } from "~/server/money";
import type { Refund } from "./refund-row";

/** Sends a failed refund again after asking; the list and its counts reload when it is queued. `large` for a phone's card. */
export function RetryRefundButton({ refund, large = false }: { refund: Refund; large?: boolean }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(trpc.refunds.retry.mutationOptions());
  const amount = formatMoney(refund.amountMinor, refund.currency);
  return (
    <ConfirmDialog
      trigger={
        <Button size={large ? "lg" : "sm"} aria-label={`Retry the refund of ${amount}${refund.machineName ? ` at ${refund.machineName}` : ""}`}>
          <RotateCcw aria-hidden />
          Retry
        </Button>
      }
      title="Retry this refund?"
      description={
        <>
          {amount} goes back to the payment provider now, with a fresh count of attempts.
          {refund.lastError ? ` Last time it failed with: “${refund.lastError}”.` : ""} Retry once the cause is fixed, or it may fail again.
        </>
      }
      confirmLabel="Retry refund"
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
