"use client";

import clsx from "clsx";
import Link from "next/link";
import { useOrg } from "~/app/_components/org/org-context";
import { paymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { refundOriginLabels } from "~/app/_components/labels/refund-labels";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import type { RouterOutputs } from "~/app/_trpc/types";
import { formatMoney } from "~/server/money";
import { describeRefundReason } from "./refund-reason";
import { RetryRefundButton } from "./retry-refund-button";

export type Refund = RouterOutputs["refunds"]["list"]["refunds"][number];

const muted = "text-zinc-400 dark:text-zinc-500";
const sub = "block text-xs text-zinc-500 dark:text-zinc-400";

/** One refund: when, for what, how much, its state (and last error), why, and its attempts. */
export function RefundRow({ refund, canRetry }: { refund: Refund; canRetry: boolean }) {
  const org = useOrg();
  const waiting = refund.status === "pending" || refund.status === "processing";
  const reason = describeRefundReason(refund.reason);
  return (
    <tr className={rowClasses}>
      <td className={clsx(cellClasses, "tabular whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
        <Timestamp date={refund.createdAt} timeZone={org.timeZone} />
        <span className={sub}>
          updated <RelativeTime date={refund.updatedAt} timeZone={org.timeZone} />
        </span>
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap")}>
        {refund.machineId ? (
          <Link
            href={`/o/${org.slug}/machines/${refund.machineId}`}
            className="font-medium text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100 dark:hover:text-brand-500"
          >
            {refund.machineName}
          </Link>
        ) : (
          <span className={muted}>Unknown machine</span>
        )}
        <span className={sub}>{refund.productName ?? "Unknown product"}</span>
      </td>
      <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap text-zinc-900 dark:text-zinc-100")}>
        {formatMoney(refund.amountMinor, refund.currency)}
        <span className={sub}>{paymentMethodLabel(refund.paymentMethod)}</span>
      </td>
      <td className={cellClasses}>
        <StatusBadge status={refund.status} />
        {refund.lastError && (
          <span
            title={refund.lastError}
            className={clsx("mt-1 block max-w-56 truncate text-xs", refund.status === "failed" ? "text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400")}
          >
            {refund.lastError}
          </span>
        )}
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>{refundOriginLabels[refund.origin]}</td>
      <td className={clsx(cellClasses, "max-w-64 min-w-40 text-zinc-700 dark:text-zinc-300")}>
        <span title={reason} className="line-clamp-2">
          {reason}
        </span>
      </td>
      <td className={clsx(cellClasses, "tabular text-right text-zinc-700 dark:text-zinc-300")}>{refund.attempts}</td>
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
        {waiting && refund.nextAttemptAt ? <RelativeTime date={refund.nextAttemptAt} timeZone={org.timeZone} /> : <span className={muted}>—</span>}
      </td>
      {canRetry && <td className={clsx(cellClasses, "text-right")}>{refund.status === "failed" && <RetryRefundButton refund={refund} />}</td>}
    </tr>
  );
}
