"use client";

import clsx from "clsx";
import { ExternalLink } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { useRefundLabels } from "~/app/_components/labels/refund-labels";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import type { RouterOutputs } from "~/app/_trpc/types";

export type Order = RouterOutputs["orders"]["list"]["orders"][number];

const muted = "text-zinc-500 dark:text-zinc-400";

/** One online order: when, which machine and where, what, how much and how, how it ended, its refund, who. */
export function OrderRow({ order }: { order: Order }) {
  const org = useOrg();
  const t = useTranslations("orders");
  const f = useFormat();
  const paymentMethodLabel = usePaymentMethodLabel();
  const refundLabels = useRefundLabels();
  return (
    <tr className={rowClasses}>
      <td className={clsx(cellClasses, "tabular whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
        <Timestamp date={order.createdAt} timeZone={org.timeZone} />
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap")}>
        <Link
          href={`/o/${org.slug}/machines/${order.machineId}`}
          className="font-medium text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100 dark:hover:text-brand-500"
        >
          {order.machineName}
        </Link>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">{order.locationName ?? t("row.noLocation")}</span>
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-800 dark:text-zinc-200")}>
        {order.productName}
        <span className="ml-1.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">{order.slotCode}</span>
      </td>
      <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap text-zinc-900 dark:text-zinc-100")}>
        {f.money(order.amountMinor, order.currency)}
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
        {order.paymentMethod ? paymentMethodLabel(order.paymentMethod) : <span className={muted}>—</span>}
      </td>
      <td className={cellClasses}>
        <span title={order.failureReason ?? undefined}>
          <StatusBadge status={order.status} label={t(`status.${order.status}`)} />
        </span>
      </td>
      <td className={cellClasses}>
        {order.refundStatus ? <StatusBadge status={order.refundStatus} label={refundLabels.status(order.refundStatus)} /> : <span className={muted}>—</span>}
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>{order.guest ? t("row.guest") : t("row.account")}</td>
      <td className={clsx(cellClasses, "text-right")}>
        <Link
          href={`/order/${order.id}`}
          target="_blank"
          className="inline-flex items-center gap-1 text-xs font-medium whitespace-nowrap text-zinc-600 hover:text-brand-600 hover:underline dark:text-zinc-400 dark:hover:text-brand-500"
        >
          {t("row.orderPage")}
          <ExternalLink aria-hidden className="size-3.5" />
          <span className="sr-only">{t("row.newTab")}</span>
        </Link>
      </td>
    </tr>
  );
}
