"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { useRefundLabels } from "~/app/_components/labels/refund-labels";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import type { RouterOutputs } from "~/app/_trpc/types";
import { useRefundReason } from "./refund-reason";
import { RetryRefundButton } from "./retry-refund-button";

export type Refund = RouterOutputs["refunds"]["list"]["refunds"][number];

const muted = "text-zinc-500 dark:text-zinc-400";
const sub = "block text-xs text-zinc-500 dark:text-zinc-400";

// The facts of a refund, shown by its row and by its card on a phone.

export function RefundMachine({ refund }: { refund: Refund }) {
  const org = useOrg();
  const t = useTranslations("refunds.row");
  return refund.machineId ? (
    <Link
      href={`/o/${org.slug}/machines/${refund.machineId}`}
      className="font-medium text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100 dark:hover:text-brand-500"
    >
      {refund.machineName}
    </Link>
  ) : (
    <span className={muted}>{t("unknownMachine")}</span>
  );
}

export function RefundCreated({ refund }: { refund: Refund }) {
  const org = useOrg();
  const t = useTranslations("refunds.row");
  return (
    <>
      <Timestamp date={refund.createdAt} timeZone={org.timeZone} />
      <span className={sub}>
        {t.rich("updated", { time: () => <RelativeTime date={refund.updatedAt} timeZone={org.timeZone} /> })}
      </span>
    </>
  );
}

export function RefundAmount({ refund }: { refund: Refund }) {
  const f = useFormat();
  const paymentMethodLabel = usePaymentMethodLabel();
  return (
    <>
      {f.money(refund.amountMinor, refund.currency)}
      <span className={sub}>{paymentMethodLabel(refund.paymentMethod)}</span>
    </>
  );
}

/** Why the last attempt failed (red once the refund has failed); `truncate` in the narrow column. */
export function RefundLastError({ refund, truncate = false }: { refund: Refund; truncate?: boolean }) {
  if (!refund.lastError) return null;
  return (
    <span
      title={refund.lastError}
      className={clsx("mt-1 block text-xs", truncate && "max-w-56 truncate", refund.status === "failed" ? "text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400")}
    >
      {refund.lastError}
    </span>
  );
}

/** When it is tried again, while it waits. */
export function RefundNextAttempt({ refund }: { refund: Refund }) {
  const org = useOrg();
  const waiting = refund.status === "pending" || refund.status === "processing";
  return waiting && refund.nextAttemptAt ? <RelativeTime date={refund.nextAttemptAt} timeZone={org.timeZone} /> : <span className={muted}>—</span>;
}

/** One refund: when, for what, how much, its state (and last error), why, and its attempts. */
export function RefundRow({ refund, canRetry }: { refund: Refund; canRetry: boolean }) {
  const t = useTranslations("refunds.row");
  const labels = useRefundLabels();
  const reason = useRefundReason()(refund.reason);
  return (
    <tr className={rowClasses}>
      <td className={clsx(cellClasses, "tabular whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
        <RefundCreated refund={refund} />
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap")}>
        <RefundMachine refund={refund} />
        <span className={sub}>{refund.productName ?? t("unknownProduct")}</span>
      </td>
      <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap text-zinc-900 dark:text-zinc-100")}>
        <RefundAmount refund={refund} />
      </td>
      <td className={cellClasses}>
        <StatusBadge status={refund.status} />
        <RefundLastError refund={refund} truncate />
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>{labels.origin(refund.origin)}</td>
      <td className={clsx(cellClasses, "max-w-64 min-w-40 text-zinc-700 dark:text-zinc-300")}>
        <span title={reason} className="line-clamp-2">
          {reason}
        </span>
      </td>
      <td className={clsx(cellClasses, "tabular text-right text-zinc-700 dark:text-zinc-300")}>{refund.attempts}</td>
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
        <RefundNextAttempt refund={refund} />
      </td>
      {canRetry && <td className={clsx(cellClasses, "text-right")}>{refund.status === "failed" && <RetryRefundButton refund={refund} />}</td>}
    </tr>
  );
}
