import type { PaymentMethod } from "~/server/sales/contract";

/** Payment methods in words, as people say them. */
export const paymentMethodLabels = {
  cash: "Cash",
  card: "Card",
  alipay: "Alipay",
  wechat_pay: "WeChat Pay",
  online: "Online",
  free: "Free vend",
} as const satisfies Record<PaymentMethod, string>;

export const paymentMethods = Object.keys(paymentMethodLabels) as PaymentMethod[];

export function paymentMethodLabel(method: string): string {
  return paymentMethodLabels[method as PaymentMethod] ?? method;
}
