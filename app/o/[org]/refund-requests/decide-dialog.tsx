"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { Button } from "~/app/_components/ui/button";
import { useOrg } from "~/app/_components/org/org-context";
import { ReasonDialog } from "~/app/_components/ui/reason-dialog";
import { useTRPC } from "~/app/_trpc/client";
import { REJECTION_REASON_MIN_LENGTH } from "~/server/consumers/contract";
import { formatMoney } from "~/server/money";
import type { RefundRequest } from "./pending-request";

/** Approve (refunds the purchase in full) or reject (with a reason the consumer reads) one request. */
export function DecideDialog({ request, decision }: { request: RefundRequest; decision: "approve" | "reject" }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const decide = useMutation(trpc.refundRequests.decide.mutationOptions());
  const amount = formatMoney(request.amountMinor, request.currency);
  const product = request.productName ?? "this purchase";
  const approve = decision === "approve";
  return (
    <ReasonDialog
      trigger={
        <Button size="sm" variant={approve ? "primary" : "secondary"} aria-label={`${approve ? "Approve" : "Reject"} the request about ${product} (${amount})`}>
          {approve ? <Check aria-hidden /> : <X aria-hidden />}
          {approve ? "Approve" : "Reject"}
        </Button>
      }
      title={approve ? `Refund ${amount}?` : "Reject this request?"}
      description={
        approve
          ? `${product} at ${request.machineName} is refunded in full to the consumer's ${request.paymentMethod === "online" ? "online payment" : "payment"}. Points it earned are taken back.`
          : "The consumer sees your reason on their receipt. Nothing is refunded."
      }
      label={approve ? "Note" : "Reason for the consumer"}
      hint={approve ? "Kept with the refund; the consumer's own words are used if empty." : "Be specific: they read this."}
      placeholder={approve ? undefined : "The machine's log shows the product was dispensed."}
      minLength={approve ? 0 : REJECTION_REASON_MIN_LENGTH}
      confirmLabel={approve ? "Approve and refund" : "Reject request"}
      tone={approve ? "primary" : "danger"}
      mutation={decide}
      onSubmit={async (reason) => {
        await decide.mutateAsync({ orgId: org.id, requestId: request.id, decision, reason });
        await queryClient.invalidateQueries({ queryKey: trpc.refundRequests.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.refunds.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.sales.pathKey() });
      }}
    />
  );
}
