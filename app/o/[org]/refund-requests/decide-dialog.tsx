"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { Button } from "~/app/_components/ui/button";
import { useOrg } from "~/app/_components/org/org-context";
import { ReasonDialog } from "~/app/_components/ui/reason-dialog";
import { useTRPC } from "~/app/_trpc/client";
import { REJECTION_REASON_MIN_LENGTH } from "~/server/consumers/contract";
import type { RefundRequest } from "./pending-request";

/** Approve (refunds the purchase in full) or reject (with a reason the consumer reads) one request. */
export function DecideDialog({ request, decision }: { request: RefundRequest; decision: "approve" | "reject" }) {
  const org = useOrg();
  const t = useTranslations("refundRequests.decide");
  const f = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const decide = useMutation(trpc.refundRequests.decide.mutationOptions());
  const amount = f.money(request.amountMinor, request.currency);
  const product = request.productName ?? t("thisPurchase");
  const approve = decision === "approve";
  return (
    <ReasonDialog
      trigger={
        <Button size="sm" variant={approve ? "primary" : "secondary"} aria-label={t(approve ? "approveLabel" : "rejectLabel", { product, amount })}>
          {approve ? <Check aria-hidden /> : <X aria-hidden />}
          {approve ? t("approve") : t("reject")}
        </Button>
      }
      title={approve ? t("approveTitle", { amount }) : t("rejectTitle")}
      description={
        approve
          ? t(request.paymentMethod === "online" ? "approveDescriptionOnline" : "approveDescription", { product, machine: request.machineName })
          : t("rejectDescription")
      }
      label={approve ? t("noteLabel") : t("reasonLabel")}
      hint={approve ? t("noteHint") : t("reasonHint")}
      placeholder={approve ? undefined : t("reasonPlaceholder")}
      minLength={approve ? 0 : REJECTION_REASON_MIN_LENGTH}
      confirmLabel={approve ? t("approveConfirm") : t("rejectConfirm")}
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
