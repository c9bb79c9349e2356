"use client";

import { useTranslations } from "next-intl";
import { useOrg } from "~/app/_components/org/org-context";
import { RecordCard } from "~/app/_components/ui/card-list";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { RefundSaleDialog, canRefundSale } from "./refund-sale-dialog";
import { SaleAmount, SaleMachineLink, SalePayment, SaleProduct, SaleRefund, SaleStatus, useFailureLabel, type Sale } from "./sale-row";

/** One sale on a phone: what was sold where, when, how it was paid, how it ended; managers can refund it. */
export function SaleCard({ sale, manager }: { sale: Sale; manager: boolean }) {
  const t = useTranslations("sales.sale");
  const org = useOrg();
  const failureLabel = useFailureLabel();
  return (
    <RecordCard
      title={<SaleProduct sale={sale} />}
      subtitle={
        <>
          <SaleMachineLink sale={sale} />
          {sale.locationName && ` · ${sale.locationName}`}
          <span className="font-mono"> · {sale.slotCode}</span>
        </>
      }
      badges={
        <>
          <SaleStatus sale={sale} />
          {sale.refundStatus && <SaleRefund sale={sale} />}
        </>
      }
      facts={[
        { label: t("time"), value: <Timestamp date={sale.occurredAt} timeZone={org.timeZone} className="tabular" /> },
        { label: t("amount"), value: <SaleAmount sale={sale} /> },
        { label: t("payment"), value: <SalePayment sale={sale} /> },
        sale.failureReason ? { label: t("failedBecause"), value: failureLabel(sale.failureReason) } : null,
      ]}
      actions={manager && canRefundSale(sale) && <RefundSaleDialog sale={sale} large />}
    />
  );
}
