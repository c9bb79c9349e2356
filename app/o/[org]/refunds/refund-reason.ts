import { useTranslations } from "next-intl";
import { useFailureLabel } from "../sales/sale-row";

/**
 * A refund's reason in words. The system writes codes ("vend_failed:jammed", "order_expired");
 * refunds by hand and approved requests keep the person's words after their origin ("manual: …").
 */
export function useRefundReason(): (reason: string) => string {
  const t = useTranslations("refunds.reason");
  const failure = useFailureLabel();
  return (reason) => {
    const [code, detail] = reason.split(":", 2).map((s) => s.trim());
    if (code === "manual" || code === "request") return reason.slice(reason.indexOf(":") + 1).trim();
    if (code === "vend_failed") return detail ? t("vendFailedDetail", { detail: failure(detail).toLowerCase() }) : t("vendFailed");
    if (code === "order_expired") return t("orderExpired");
    if (code === "paid_after_cancel") return t("paidAfterCancel");
    return reason;
  };
}
