// Consumer-facing words for the states of purchases, refunds and requests, each paired with the
// product's status colour (StatusBadge `status`) so the consumer pages speak one language.

import { refundStatusLabels } from "../labels/refund-labels";

export interface StatusWords {
  /** A key of StatusBadge's colour language. */
  tone: string;
  label: string;
}

export const purchaseStatusWords: Record<string, StatusWords> = {
  dispensed: { tone: "succeeded", label: "Dispensed" },
  not_dispensed: { tone: "failed", label: "Not dispensed" },
  awaiting_payment: { tone: "pending", label: "Awaiting payment" },
  paid: { tone: "processing", label: "Dispensing" },
  not_vended: { tone: "failed", label: "Not vended" },
  canceled: { tone: "disabled", label: "Canceled" },
};

export const refundStatusWords: Record<string, StatusWords> = Object.fromEntries(
  Object.entries(refundStatusLabels).map(([status, label]) => [status, { tone: status, label }]),
);

export const requestStatusWords: Record<string, StatusWords> = {
  pending: { tone: "pending", label: "Under review" },
  approved: { tone: "succeeded", label: "Approved" },
  rejected: { tone: "failed", label: "Declined" },
};

/** The words for a status, or the raw status when it is new to this page. */
export function wordsFor(table: Record<string, StatusWords>, status: string): StatusWords {
  return table[status] ?? { tone: status, label: status.replace(/_/g, " ") };
}
