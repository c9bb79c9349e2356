"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { HandCoins } from "lucide-react";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { AlertData } from "~/server/alerts/contract";
import { formatMoney } from "~/server/money";

/**
 * "Paid back" on an open cash refund owed: after asking, records the payout (it comes out of the
 * machine's expected cash) and resolves the alert with a note. An alert that counts several failed
 * vends is paid back for all of them.
 */
export function PaidBackButton({ alertId, data, count, note }: { alertId: string; data: Record<string, unknown>; count: number; note: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pay = useMutation(trpc.cash.recordPayout.mutationOptions());
  const owed = data as Partial<AlertData["cash_refund_owed"]>;
  const latest = typeof owed.amountMinor === "number" && typeof owed.currency === "string" ? formatMoney(owed.amountMinor, owed.currency) : "the amount owed";
  const amount = count > 1 ? `${count} failed vends` : latest;
  return (
    <ConfirmDialog
      trigger={
        <Button variant="primary">
          <HandCoins aria-hidden />
          Paid back
        </Button>
      }
      title={count > 1 ? `Paid back all ${amount} in cash?` : `Paid back ${amount} in cash?`}
      description={
        <>
          {count > 1
            ? `Confirm that the customers of the ${count} failed cash vends this alert counts (the latest ${latest} at slot ${owed.slot ?? "?"}) got their money back by hand.`
            : `Confirm that the customer got ${latest} back by hand${owed.slot ? ` for the failed vend at slot ${owed.slot}` : ""}.`}{" "}
          The payout is recorded with your name, comes out of the cash expected in this machine&apos;s box, and resolves this alert{note ? " with your note" : ""}.
        </>
      }
      confirmLabel="Record payout"
      tone="primary"
      onConfirm={async () => {
        await pay.mutateAsync({ orgId: org.id, alertId, ...(note ? { note } : {}) });
        await queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.cash.pathKey() });
      }}
    />
  );
}
