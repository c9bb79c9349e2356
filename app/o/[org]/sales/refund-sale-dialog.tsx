"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Undo2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { useOrg } from "~/app/_components/org/org-context";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { ReasonDialog } from "~/app/_components/ui/reason-dialog";
import { useTRPC } from "~/app/_trpc/client";
import { useFormat } from "~/app/_components/i18n/format";
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
  const t = useTranslations("sales.refund");
  const f = useFormat();
  const paymentMethodLabel = usePaymentMethodLabel();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refund = useMutation(trpc.refunds.refundSale.mutationOptions());
  const amount = f.money(sale.priceMinor, sale.currency);
  const method = paymentMethodLabel(sale.paymentMethod);
  return (
    <ReasonDialog
      trigger={
        <Button variant={large ? "secondary" : "ghost"} size={large ? "lg" : "sm"} aria-label={t("aria", { amount, product: sale.productName ?? t("thisSale"), machine: sale.machineName })}>
          <Undo2 aria-hidden />
          <span className={large ? undefined : "hidden sm:inline"}>{t("button")}</span>
        </Button>
      }
      title={t("title", { amount })}
      description={t("description", { product: sale.productName ?? t("thisSaleStart"), machine: sale.machineName, method: method.toLowerCase() })}
      label={t("reason")}
      hint={t("hint")}
      placeholder={t("placeholder")}
      minLength={reasonMinLength}
      confirmLabel={t("confirm")}
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
