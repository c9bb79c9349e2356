import { useTranslations } from "next-intl";
import common from "~/server/i18n/messages/en/common.json";
import type { PaymentMethod } from "~/server/sales/contract";

/** Payment methods in English words, for files and exports; pages use `usePaymentMethodLabel`. */
export const paymentMethodLabels: Readonly<Record<PaymentMethod, string>> = common.paymentMethods;

export const paymentMethods = Object.keys(paymentMethodLabels) as PaymentMethod[];

export function paymentMethodLabel(method: string): string {
  return paymentMethodLabels[method as PaymentMethod] ?? method;
}

/** Translates a method with `common.paymentMethods`; a method new to the messages stays as it is. */
export function paymentMethodWords(t: { has: (key: PaymentMethod) => boolean; (key: PaymentMethod): string }, method: string): string {
  return t.has(method as PaymentMethod) ? t(method as PaymentMethod) : method;
}

/** Payment methods in the reader's language, as people say them ("Cash", "微信支付"). */
export function usePaymentMethodLabel(): (method: string) => string {
  const t = useTranslations("common.paymentMethods");
  return (method) => paymentMethodWords(t, method);
}
