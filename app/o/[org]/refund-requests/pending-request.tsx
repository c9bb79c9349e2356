"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { Timestamp } from "~/app/_components/ui/timestamp";
import type { RouterOutputs } from "~/app/_trpc/types";
import { DecideDialog } from "./decide-dialog";
import { RequestEvidenceView } from "./request-evidence";

export type RefundRequest = RouterOutputs["refundRequests"]["list"][number];

/** A request waiting for a decision: the consumer's words, the purchase, and approve or reject. */
export function PendingRequest({ request: r }: { request: RefundRequest }) {
  const org = useOrg();
  const t = useTranslations("refundRequests.pending");
  const f = useFormat();
  const paymentMethodLabel = usePaymentMethodLabel();
  const amount = f.money(r.amountMinor, r.currency);
  const product = r.productName ?? t("unknownProduct");
  return (
    <li
      aria-label={t("label", { product, machine: r.machineName })}
      className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-2">
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {t.rich("reported", { time: () => <RelativeTime date={r.createdAt} timeZone={org.timeZone} /> })}
          </p>
          <blockquote className="border-l-2 border-amber-400 pl-3 text-sm text-zinc-900 dark:border-amber-500/70 dark:text-zinc-100">
            {r.reason}
          </blockquote>
          <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
            <span className="font-medium text-zinc-900 dark:text-zinc-100">{product}</span>
            {" · "}
            <span className="tabular font-medium text-zinc-900 dark:text-zinc-100">{amount}</span>
            {" · "}
            {paymentMethodLabel(r.paymentMethod)}
            {t("at")}
            <Link href={`/o/${org.slug}/machines/${r.machineId}`} className="hover:text-brand-600 hover:underline dark:hover:text-brand-500">
              {r.machineName}
            </Link>
            {t("slot", { slot: r.slotCode })}
            <Timestamp date={r.occurredAt} timeZone={org.timeZone} className="tabular" />
            {r.saleStatus === "failed" && <span className="ml-1 text-red-600 dark:text-red-400">{t("vendFailed")}</span>}
          </p>
        </div>
        <div className="flex shrink-0 gap-2">
          <DecideDialog request={r} decision="reject" />
          <DecideDialog request={r} decision="approve" />
        </div>
      </div>
      {r.evidence && (
        <div className="mt-4">
          <RequestEvidenceView evidence={r.evidence} slotCode={r.slotCode} currency={r.currency} label={t("evidenceLabel", { product })} />
        </div>
      )}
    </li>
  );
}
