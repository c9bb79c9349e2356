"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { HandCoins } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { AlertData } from "~/server/alerts/contract";

/**
 * "Paid back" on an open cash refund owed: after asking, records the payout (it comes out of the
 * machine's expected cash) and resolves the alert with a note. An alert that counts several failed
 * vends is paid back for all of them.
 */
export function PaidBackButton({ alertId, data, count, note }: { alertId: string; data: Record<string, unknown>; count: number; note: string }) {
  const t = useTranslations("alerts.paidBack");
  const f = useFormat();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pay = useMutation(trpc.cash.recordPayout.mutationOptions());
  const owed = data as Partial<AlertData["cash_refund_owed"]>;
  const latest = typeof owed.amountMinor === "number" && typeof owed.currency === "string" ? f.money(owed.amountMinor, owed.currency) : t("amountOwed");
  return (
    <ConfirmDialog
      trigger={
        <Button variant="primary">
          <HandCoins aria-hidden />
          {t("button")}
        </Button>
      }
      title={count > 1 ? t("titleMany", { count }) : t("titleOne", { amount: latest })}
      description={
        <>
          {count > 1
            ? t("confirmMany", { count, amount: latest, slot: owed.slot ?? "?" })
            : owed.slot
              ? t("confirmOneAtSlot", { amount: latest, slot: owed.slot })
              : t("confirmOne", { amount: latest })}{" "}
          {t("recorded", { withNote: note ? "yes" : "no" })}
        </>
      }
      confirmLabel={t("confirm")}
      tone="primary"
      onConfirm={async () => {
        await pay.mutateAsync({ orgId: org.id, alertId, ...(note ? { note } : {}) });
        await queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.cash.pathKey() });
      }}
    />
  );
}
