"use client";

import { refundOriginLabels } from "~/app/_components/labels/refund-labels";
import { RecordCard } from "~/app/_components/ui/card-list";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { RefundAmount, RefundCreated, RefundLastError, RefundMachine, RefundNextAttempt, type Refund } from "./refund-row";
import { describeRefundReason } from "./refund-reason";
import { RetryRefundButton } from "./retry-refund-button";

/** One refund on a phone: for what and where, how much, its state and why; managers can retry a failed one. */
export function RefundCard({ refund, canRetry }: { refund: Refund; canRetry: boolean }) {
  const waiting = refund.status === "pending" || refund.status === "processing";
  return (
    <RecordCard
      title={refund.productName ?? "Unknown product"}
      subtitle={<RefundMachine refund={refund} />}
      badges={<StatusBadge status={refund.status} />}
      facts={[
        { label: "Amount", value: <span className="tabular"><RefundAmount refund={refund} /></span> },
        { label: "Created", value: <span className="tabular"><RefundCreated refund={refund} /></span> },
        { label: "Origin", value: refundOriginLabels[refund.origin] },
        { label: "Attempts", value: <span className="tabular">{refund.attempts}</span> },
        { label: "Reason", value: describeRefundReason(refund.reason), wide: true },
        waiting && { label: "Next attempt", value: <RefundNextAttempt refund={refund} /> },
      ]}
      actions={canRetry && refund.status === "failed" && <RetryRefundButton refund={refund} large />}
    >
      <RefundLastError refund={refund} />
    </RecordCard>
  );
}
