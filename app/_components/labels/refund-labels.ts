/** A refund's state in words, as a badge next to the sale or order it pays back. */
export const refundStatusLabels: Record<string, string> = {
  pending: "Refund pending",
  processing: "Refunding",
  succeeded: "Refunded",
  failed: "Refund failed",
};

/** Why a refund exists: the system's own (a failed or expired vend), a manager's, or a consumer's request. */
export const refundOriginLabels = {
  automatic: "Automatic",
  manual: "By hand",
  request: "Requested",
} as const;
