"use client";

import { useTranslations } from "next-intl";
import { useRefundLabels } from "~/app/_components/labels/refund-labels";
import { RecordCard } from "~/app/_components/ui/card-list";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { RefundAmount, RefundCreated, RefundLastError, RefundMachine, RefundNextAttempt, type Refund } from "./refund-row";
import { useRefundReason } from "./refund-reason";
import { RetryRefundButton } from "./retry-refund-button";

/** One refund on a phone: for what and where, how much, its state and why; managers can retry a failed one. */
export function RefundCard({ refund, canRetry }: { refund: Refund; canRetry: boolean }) {
  const t = useTranslations("refunds.table");
  const row = useTranslations("refunds.row");
  const labels = useRefundLabels();
  const describeRefundReason = useRefundReason();
  const waiting = refund.status === "pending" || refund.status === "processing";
  return (
    <RecordCard
      title={refund.productName ?? row("unknownProduct")}
      subtitle={<RefundMachine refund={refund} />}
      badges={<StatusBadge status={refund.status} />}
      facts={[
        { label: t("amount"), value: <span className="tabular"><RefundAmount refund={refund} /></span> },
        { label: t("created"), value: <span className="tabular"><RefundCreated refund={refund} /></span> },
        { label: t("origin"), value: labels.origin(refund.origin) },
        { label: t("attempts"), value: <span className="tabular">{refund.attempts}</span> },
        { label: t("reason"), value: describeRefundReason(refund.reason), wide: true },
        waiting && { label: t("nextAttempt"), value: <RefundNextAttempt refund={refund} /> },
      ]}
      actions={canRetry && refund.status === "failed" && <RetryRefundButton refund={refund} large />}
    >
      <RefundLastError refund={refund} />
    </RecordCard>
  );
}
