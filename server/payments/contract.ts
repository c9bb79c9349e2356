// What the browser and other domains may know of payments: the inputs of its services, the shape
// of what they answer, its vocabularies and its messages. No database here.
import { z } from "zod";
import type { OrderStatus, PaymentMethod, RefundStatus } from "~/db/schema";
import { defineMessages } from "~/server/errors";
import { pageCursor } from "~/server/input/cursor";

/** An online order's states, from checkout to its end. */
export const ORDER_STATUSES = ["awaiting_payment", "paid", "dispensed", "failed", "expired", "canceled"] as const satisfies readonly OrderStatus[];

/** A refund's states: waiting, being sent, paid back, or given up on. */
export const REFUND_STATUSES = ["pending", "processing", "succeeded", "failed"] as const satisfies readonly RefundStatus[];

/** Why a refund exists: a failed vend or expired order, a manager by hand, or an approved request. */
export const REFUND_ORIGINS = ["automatic", "manual", "request"] as const;
export type RefundOrigin = (typeof REFUND_ORIGINS)[number];

/** Card, Alipay and WeChat Pay, as a checkout offers them. */
export const CHECKOUT_METHODS = ["card", "alipay", "wechat_pay"] as const satisfies readonly PaymentMethod[];
export type CheckoutMethod = (typeof CHECKOUT_METHODS)[number];

/** Means of payment a provider can pay back; cash is paid back by hand, and a free vend owes nothing. */
export const PROVIDER_REFUNDABLE_METHODS = ["card", "alipay", "wechat_pay", "online"] as const satisfies readonly PaymentMethod[];

/**
 * Whether the payment provider can refund a payment: made by an electronic means, and with the
 * provider's reference to refund against.
 */
export function refundable(method: PaymentMethod | null | undefined, reference: string | null | undefined): boolean {
  return !!method && (PROVIDER_REFUNDABLE_METHODS as readonly PaymentMethod[]).includes(method) && !!reference;
}

export const paymentsMessages = defineMessages("payments", {
  machine_unknown: "This machine does not exist. Check the code on the machine.",
  machine_out_of_service: "This machine is out of service. Please choose another machine.",
  machine_offline: "This machine is offline right now, so it cannot take online orders. Please pay at the machine.",
  slot_not_sold: "Slot {slot} is not sold on this machine.",
  sold_out: "{product} is sold out. Please choose something else.",
  payments_not_set_up: "Online payment is not set up here yet. Please pay at the machine.",
  provider_unavailable: "The payment service did not answer. Please try again in a moment.",
  provider_refused: "The payment service refused this order.",
  method_not_offered: "This machine does not take {method} online. Please choose another way to pay.",
  order_link_unknown: "No order with this link. Check the address you opened.",
  page_cursor_invalid: "The page cursor is not valid; start again from the first page.",
  refund_already_paid: "This refund has already been paid back.",
  refund_still_sending: "This refund is still being sent; only a failed refund can be retried.",
  sale_paid_in_cash: "This sale was paid in cash: pay it back by hand at the machine.",
  sale_was_free: "This sale was free: there is nothing to refund.",
  sale_without_reference: "This sale has no payment reference, so the payment provider cannot refund it. Refund it by other means.",
  order_already_refunded: "This sale's order has already been refunded.",
  sale_already_refunded: "This sale has already been refunded.",
});

const page = {
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
};

export const machineIdInput = z.object({ machineId: z.string().min(1).max(64) });
export const orderIdInput = z.object({ orderId: z.string().min(1).max(64) });

/** Means of payment an org takes with its own merchant account, as the checkout page offers them. */
export const ORG_CHECKOUT_METHODS = ["wechat_pay", "alipay"] as const satisfies readonly PaymentMethod[];
export type OrgCheckoutMethod = (typeof ORG_CHECKOUT_METHODS)[number];

export const createOrderInput = z.object({
  machineId: z.string().min(1).max(64),
  slot: z.string().min(1).max(8),
  /** Pay with the org's own WeChat Pay or Alipay account; left out: the deployment's provider (Stripe or the demo). */
  method: z.enum(ORG_CHECKOUT_METHODS).optional(),
  /** "qr" (a desktop browser: scan a code) or "mobile_web" (a phone browser: go to the wallet); default qr. */
  channel: z.enum(["qr", "mobile_web"]).default("qr"),
});

export const listOrdersInput = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  machineId: z.string().max(64).optional(),
  ...page,
});

export const listRefundsInput = z.object({
  status: z.enum(REFUND_STATUSES).optional(),
  origin: z.enum(REFUND_ORIGINS).optional(),
  ...page,
});

export const refundIdInput = z.object({ refundId: z.string().min(1).max(64) });

export const refundSaleInput = z.object({
  saleId: z.string().min(1).max(64),
  reason: z.string().trim().min(3, "Say why, in a few words (at least 3 characters).").max(500, "At most 500 characters."),
});

export interface CheckoutMenuItem {
  slot: string;
  productId: string;
  name: string;
  category: string;
  imageUrl: string | null;
  priceMinor: number;
  stock: number;
  available: boolean;
}

export interface CheckoutMenu {
  machine: { id: string; name: string; location: string | null; online: boolean; disabled: boolean };
  operator: { name: string; supportEmail: string | null };
  currency: string;
  items: CheckoutMenuItem[];
}

export interface CreatedOrder {
  orderId: string;
  /** Where to send the consumer: the provider's checkout page, or the order page once paid. */
  redirectUrl: string;
}

export interface OrderView {
  id: string;
  status: OrderStatus;
  productName: string;
  slot: string;
  amountMinor: number;
  currency: string;
  provider: string;
  paymentMethod: PaymentMethod | null;
  machine: { id: string; name: string; location: string | null };
  operator: { name: string; supportEmail: string | null; legalName: string | null; legalAddress: string | null; vatNumber: string | null };
  /** The VAT rate (basis points) captured when the order was placed; prices include it. */
  vatRateBp: number;
  consumerId: string | null;
  createdAt: Date;
  paidAt: Date | null;
  completedAt: Date | null;
  commandExpiresAt: Date | null;
  failureReason: string | null;
  checkoutUrl: string | null;
  /** While awaiting payment: a code to show as a QR code (WeChat Pay Native, Alipay precreate). */
  checkoutQrCode: string | null;
  refund: { id: string; status: string; amountMinor: number; updatedAt: Date } | null;
}
