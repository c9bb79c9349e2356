// What the browser and other domains may know of consumers: purchases, memberships and refund
// requests as the services take and answer them, their vocabularies and messages. No database here.
import { z } from "zod";
import type { RefundRequest } from "~/db/schema";
import { defineMessages } from "~/server/errors";
import { pageCursor } from "~/server/input/cursor";

/** A purchase's state as the consumer's bill names it, for sales and online orders alike. */
export const PURCHASE_STATUSES = ["dispensed", "not_dispensed", "awaiting_payment", "paid", "not_vended", "canceled"] as const;
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number];

/** A refund request waits for a manager's decision, then is approved (refunded) or rejected. */
export const REFUND_REQUEST_STATUSES = ["pending", "approved", "rejected"] as const satisfies readonly RefundRequest["status"][];

/** A rejection tells the consumer why in at least this many characters. */
export const REJECTION_REASON_MIN_LENGTH = 3;

export const consumersMessages = defineMessages("consumers", {
  order_saved_elsewhere: "This order is already saved to another account.",
  purchase_being_refunded: "This purchase is already being refunded; there is nothing to request.",
  problem_already_reported: "You have already reported a problem with this purchase.",
  rejection_needs_reason: "Give a reason (at least {min} characters)",
  request_already_decided: "This request was already {status}.",
});

export interface Purchase {
  id: string;
  kind: "sale" | "order";
  orgId: string;
  operator: string;
  occurredAt: Date;
  machineId: string;
  machineName: string;
  location: string | null;
  product: string;
  slot: string;
  amountMinor: number;
  currency: string;
  paymentMethod: string | null;
  status: PurchaseStatus;
  orderId: string | null;
  refund: { id: string; status: string; amountMinor: number } | null;
  request: { id: string; status: string; decisionReason: string | null } | null;
}

export interface Receipt extends Purchase {
  supportEmail: string | null;
  pointsEarned: number;
}

export const listPurchasesInput = z.object({
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const receiptInput = z.object({ purchaseId: z.string().min(1).max(64) });

export const claimOrderInput = z.object({ orderId: z.string().min(1).max(64) });

export const reportProblemInput = z.object({
  saleId: z.string().min(1).max(64),
  reason: z.string().trim().min(5, "Tell the operator what went wrong (at least 5 characters).").max(1000, "At most 1,000 characters."),
});

export const listRefundRequestsInput = z.object({ status: z.enum(REFUND_REQUEST_STATUSES).optional() });

export const decideRequestInput = z.object({
  requestId: z.string().min(1).max(64),
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().max(500, "At most 500 characters.").default(""),
});

const tierSchema = z.object({
  name: z.string().trim().min(1, "Name the tier").max(40, "At most 40 characters"),
  minPoints: z.number().int("A whole number of points").min(0, "0 or more"),
});

export const loyaltyProgramInput = z.object({
  enabled: z.boolean(),
  pointsPerUnit: z.number().int("A whole number").min(0, "0 or more").max(10_000, "At most 10,000"),
  tiers: z
    .array(tierSchema)
    .max(10, "At most 10 tiers")
    .superRefine((tiers, issue) => {
      const names = new Set<string>();
      const thresholds = new Set<number>();
      tiers.forEach((t, i) => {
        if (names.has(t.name.toLowerCase())) issue.addIssue({ code: "custom", message: `Tier ${t.name} is listed twice`, path: [i, "name"] });
        if (thresholds.has(t.minPoints)) issue.addIssue({ code: "custom", message: `Two tiers start at ${t.minPoints} points`, path: [i, "minPoints"] });
        names.add(t.name.toLowerCase());
        thresholds.add(t.minPoints);
      });
    }),
});
