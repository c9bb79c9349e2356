"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Undo2 } from "lucide-react";
import { Button } from "~/app/_components/ui/button";
import { useOrg } from "~/app/_components/org/org-context";
import { paymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { ReasonDialog } from "~/app/_components/ui/reason-dialog";
import { useTRPC } from "~/app/_trpc/client";
import { formatMoney } from "~/server/money";
import { refundSaleInput, refundable } from "~/server/payments/contract";
import type { Sale } from "./sale-row";

/** Whether a sale can be refunded here: vended, paid, refundable through the provider, not refunded yet. */
export function canRefundSale(sale: Sale): boolean {
  return sale.status === "succeeded" && !sale.refundStatus && sale.priceMinor > 0 && refundable(sale.paymentMethod, sale.paymentReference);
}

/** The least a reason needs, as the server checks it. */
const reasonMinLength = refundSaleInput.shape.reason.minLength ?? 0;

/** Refunds a sale in full by hand (managers), after asking why; `large` for a phone's card, big enough to tap. */
export function RefundSaleDialog({ sale, large = false }: { sale: Sale; large?: boolean }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refund = useMutation(trpc.refunds.refundSale.mutationOptions());
  const amount = formatMoney(sale.priceMinor, sale.currency);
  return (
    <ReasonDialog
      trigger={
        <Button variant={large ? "secondary" : "ghost"} size={large ? "lg" : "sm"} aria-label={`Refund ${amount} for ${sale.productName ?? "this sale"} at ${sale.machineName}`}>
          <Undo2 aria-hidden />
          <span className={large ? undefined : "hidden sm:inline"}>Refund</span>
        </Button>
      }
      title={`Refund ${amount}?`}
      description={`${sale.productName ?? "This sale"} at ${sale.machineName}, paid by ${paymentMethodLabel(sale.paymentMethod).toLowerCase()}, is paid back in full through the payment provider. A sale is refunded once.`}
      label="Reason"
      hint="Kept in the audit log with your name."
      placeholder="Customer says the can was dented."
      minLength={reasonMinLength}
      confirmLabel="Refund sale"
      tone="danger"
      mutation={refund}
      onSubmit={async (reason) => {
        await refund.mutateAsync({ orgId: org.id, saleId: sale.id, reason });
        await queryClient.invalidateQueries({ queryKey: trpc.sales.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.refunds.pathKey() });
      }}
    />
  );
}
