"use client";

import clsx from "clsx";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Fragment } from "react";
import { useOrg } from "~/app/_components/org/org-context";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { useRefundLabels } from "~/app/_components/labels/refund-labels";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import type { RouterOutputs } from "~/app/_trpc/types";
import { useFormat } from "~/app/_components/i18n/format";
import { useFailureLabel } from "./failure-labels";
import { RefundSaleDialog, canRefundSale } from "./refund-sale-dialog";
import { saleColumns, type SaleColumnId } from "./sales-columns";

export type Sale = RouterOutputs["sales"]["list"]["sales"][number];

export { useFailureLabel } from "./failure-labels";

const muted = "text-zinc-500 dark:text-zinc-400";

// The facts of a sale, shown by its row and by its card on a phone.

export function SaleProduct({ sale }: { sale: Sale }) {
  const t = useTranslations("sales.sale");
  return <>{sale.productName ?? <span className={muted}>{t("unknownProduct")}</span>}</>;
}

export function SaleMachineLink({ sale }: { sale: Sale }) {
  const org = useOrg();
  return (
    <Link href={`/o/${org.slug}/machines/${sale.machineId}`} className="font-medium text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100 dark:hover:text-brand-500">
      {sale.machineName}
    </Link>
  );
}

/** How it was paid, marked when the sale was inferred from two audits. */
export function SalePayment({ sale }: { sale: Sale }) {
  const t = useTranslations("sales.sale");
  const paymentMethodLabel = usePaymentMethodLabel();
  return (
    <>
      {paymentMethodLabel(sale.paymentMethod)}
      {sale.inferred && (
        <span
          className="ml-1.5 rounded bg-amber-50 px-1.5 py-0.5 text-[11px] font-medium text-amber-800 ring-1 ring-amber-200 ring-inset dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-900"
          title={t("inferredHint")}
        >
          {t("inferred")}
        </span>
      )}
    </>
  );
}

/** The amount, struck through when the vend failed. */
export function SaleAmount({ sale }: { sale: Sale }) {
  const f = useFormat();
  return (
    <span className={clsx("tabular whitespace-nowrap text-zinc-900 dark:text-zinc-100", sale.status === "failed" && "text-zinc-500 line-through dark:text-zinc-500")}>
      {f.money(sale.priceMinor, sale.currency)}
    </span>
  );
}

/** How the vend ended; a failure's reason on hover. */
export function SaleStatus({ sale }: { sale: Sale }) {
  const failureLabel = useFailureLabel();
  return (
    <span title={sale.failureReason ? failureLabel(sale.failureReason) : undefined}>
      <StatusBadge status={sale.status} />
    </span>
  );
}

export function SaleRefund({ sale }: { sale: Sale }) {
  const refundLabels = useRefundLabels();
  return sale.refundStatus ? <StatusBadge status={sale.refundStatus} label={refundLabels.status(sale.refundStatus)} /> : <span className={muted}>—</span>;
}

/** One sale: when, where, what, how it was paid, how much, and how it ended (and its refund), in the columns shown; managers can refund it. */
export function SaleRow({ sale, manager, hidden }: { sale: Sale; manager: boolean; hidden: Set<SaleColumnId> }) {
  const org = useOrg();
  const cells: Record<SaleColumnId, React.ReactNode> = {
    time: (
      <td className={clsx(cellClasses, "tabular whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
        <Timestamp date={sale.occurredAt} timeZone={org.timeZone} />
      </td>
    ),
    machine: (
      <td className={clsx(cellClasses, "whitespace-nowrap")}>
        <SaleMachineLink sale={sale} />
      </td>
    ),
    location: <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>{sale.locationName ?? <span className={muted}>—</span>}</td>,
    slot: <td className={clsx(cellClasses, "font-mono text-xs text-zinc-700 dark:text-zinc-300")}>{sale.slotCode}</td>,
    product: (
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-800 dark:text-zinc-200")}>
        <SaleProduct sale={sale} />
      </td>
    ),
    payment: (
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
        <SalePayment sale={sale} />
      </td>
    ),
    amount: (
      <td className={clsx(cellClasses, "text-right")}>
        <SaleAmount sale={sale} />
      </td>
    ),
    status: (
      <td className={cellClasses}>
        <SaleStatus sale={sale} />
      </td>
    ),
    refund: (
      <td className={cellClasses}>
        <SaleRefund sale={sale} />
      </td>
    ),
  };
  return (
    <tr className={rowClasses}>
      {saleColumns.filter((c) => !hidden.has(c.id)).map((c) => (
        <Fragment key={c.id}>{cells[c.id]}</Fragment>
      ))}
      {manager && <td className={clsx(cellClasses, "py-1.5 text-right")}>{canRefundSale(sale) && <RefundSaleDialog sale={sale} />}</td>}
    </tr>
  );
}
