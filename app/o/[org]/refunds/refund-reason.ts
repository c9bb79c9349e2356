import { failureLabels } from "../sales/sale-row";

/**
 * A refund's reason in words. The system writes codes ("vend_failed:jammed", "order_expired");
 * refunds by hand and approved requests keep the person's words after their origin ("manual: …").
 */
export function describeRefundReason(reason: string): string {
  const [code, detail] = reason.split(":", 2).map((s) => s.trim());
  if (code === "manual" || code === "request") return reason.slice(reason.indexOf(":") + 1).trim();
  if (code === "vend_failed") return `Vend failed${detail ? `: ${(failureLabels[detail] ?? detail).toLowerCase()}` : ""}`;
  if (code === "order_expired") return "Paid, but not vended in time";
  if (code === "paid_after_cancel") return "Paid after the checkout closed";
  return reason;
}
