import "server-only";
import { getTranslations } from "next-intl/server";
import { paymentMethodWords } from "./payment-methods";
import { refundWords } from "./refund-labels";

/** `usePaymentMethodLabel` for async server components. */
export async function getPaymentMethodLabel(): Promise<(method: string) => string> {
  const t = await getTranslations("common.paymentMethods");
  return (method) => paymentMethodWords(t, method);
}

/** `useRefundLabels` for async server components. */
export async function getRefundLabels() {
  return refundWords(await getTranslations("common.refundStatus"), await getTranslations("common.refundOrigin"));
}
