// What the browser and other domains may know of consumers: purchases, memberships and refund
// requests as the services take and answer them, their vocabularies and messages. No database here.
import { z } from "zod";
import type { RefundRequest } from "~/db/schema";
import { defineMessages } from "~/server/errors";
import { pageCursor } from "~/server/input/cursor";
import { vatOfGross } from "~/server/tenancy/contract";

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
  receipt_emails_limit: "You have e-mailed {count} receipts in the last {minutes} minutes. Try again later, or download the PDFs.",
});

/** The evidence shown with a pending request covers the machine's log this long either side of the purchase. */
export const EVIDENCE_WINDOW_HOURS = 2;

/** A failed vend on the purchase's slot, paid with the same payment, counts for it this long either side. */
export const FAILED_VEND_MATCH_MINUTES = 10;

export const refundRequestSettingsInput = z.object({ autoApproveFailedVends: z.boolean() });

/** What a manager sees beside a pending request: the consumer's past with the operator and the machine's log. */
export interface RequestEvidence {
  consumer: {
    purchases: number;
    failedPurchases: number;
    spentMinor: number;
    recentPurchases: { saleId: string; at: Date; product: string | null; amountMinor: number; currency: string; status: "succeeded" | "failed" }[];
    requests: number;
    approved: number;
    rejected: number;
    recentRequests: { id: string; at: Date; reason: string; status: RefundRequest["status"]; decisionReason: string | null; autoApproved: boolean }[];
    refunds: number;
    refundedMinor: number;
    recentRefunds: { id: string; at: Date; amountMinor: number; currency: string; status: string; origin: string }[];
  };
  machine: {
    failedVends: number;
    faults: number;
    /** vend.failed on the purchase's slot and faults of the machine, oldest first (at most 12). */
    events: { eventId: string; at: Date; type: "vend.failed" | "machine.fault" | "machine.fault_cleared"; slot: string | null; reason: string | null; code: string | null; message: string | null; thisPurchase: boolean }[];
    /** Whether the slot was recorded as sold out when the purchase was made (null: no record either way). */
    soldOutAtTime: boolean | null;
    /** Vends the slot's counted stock did not hold, in the window. */
    stockDiscrepancies: number;
    alerts: { id: string; rule: string; code: string; severity: string; status: string; message: string; data: Record<string, unknown>; firstSeenAt: Date }[];
  };
  /** The failed vend the org's rule matches to the purchase, if any. */
  failedVendAt: Date | null;
}

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
  /** The VAT rate (basis points) captured when the sale was recorded or the order placed. */
  vatRateBp: number;
  orderId: string | null;
  refund: { id: string; status: string; amountMinor: number } | null;
  request: { id: string; status: string; decisionReason: string | null } | null;
}

export interface Receipt extends Purchase {
  supportEmail: string | null;
  pointsEarned: number;
  document: ReceiptDocument;
}

/* Receipts: what the page, the PDF and the e-mail print ------------------------------------------ */

/** The seller as receipts name it. */
export interface ReceiptSeller {
  name: string;
  legalName: string | null;
  address: string | null;
  vatNumber: string | null;
  supportEmail: string | null;
}

/** One line of a receipt: an item bought, or a refund of it (negative amounts). Prices are VAT-inclusive. */
export interface ReceiptLineItem {
  kind: "item" | "refund";
  description: string;
  quantity: number;
  unitPriceMinor: number;
  grossMinor: number;
  vatRateBp: number;
  vatMinor: number;
}

/** The lines of one VAT rate, summed. */
export interface ReceiptVatTotal {
  vatRateBp: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

/** A purchase as a receipt: seller, stable number, time in the org's zone, lines, VAT, payment, refunds. */
export interface ReceiptDocument {
  /** Stable: the order's id for an online order, else the sale's. */
  number: string;
  occurredAt: Date;
  timeZone: string;
  currency: string;
  seller: ReceiptSeller;
  machineName: string;
  location: string | null;
  paymentMethod: string | null;
  status: PurchaseStatus;
  lines: ReceiptLineItem[];
  vatTotals: ReceiptVatTotal[];
  totals: { netMinor: number; vatMinor: number; grossMinor: number };
  /** A refund under way or delayed: not yet a line of the receipt. */
  pendingRefund: { status: string; amountMinor: number } | null;
}

/** Statuses for which nothing was charged: the receipt has no lines. */
const UNCHARGED: readonly PurchaseStatus[] = ["awaiting_payment", "canceled"];

/** A receipt line for a VAT-inclusive amount at a rate. */
function line(kind: ReceiptLineItem["kind"], description: string, grossMinor: number, vatRateBp: number): ReceiptLineItem {
  return { kind, description, quantity: 1, unitPriceMinor: grossMinor, grossMinor, vatRateBp, vatMinor: vatOfGross(grossMinor, vatRateBp) };
}

/**
 * The lines of a purchase (the item; a refund that went through as a negative line at the same rate)
 * and its VAT: each line's VAT rounded on its own, then the lines summed per rate, highest rate first.
 */
export function receiptLines(p: {
  product: string;
  amountMinor: number;
  vatRateBp: number;
  status: PurchaseStatus;
  refund: { status: string; amountMinor: number } | null;
}): Pick<ReceiptDocument, "lines" | "vatTotals" | "totals" | "pendingRefund"> {
  const lines: ReceiptLineItem[] = [];
  if (!UNCHARGED.includes(p.status)) {
    lines.push(line("item", p.product, p.amountMinor, p.vatRateBp));
    if (p.refund?.status === "succeeded") lines.push(line("refund", `Refund: ${p.product}`, -p.refund.amountMinor, p.vatRateBp));
  }
  return { lines, ...sumReceiptLines(lines), pendingRefund: p.refund && p.refund.status !== "succeeded" ? p.refund : null };
}

/** Lines summed per rate (highest first) and overall. */
export function sumReceiptLines(lines: ReceiptLineItem[]): Pick<ReceiptDocument, "vatTotals" | "totals"> {
  const byRate = new Map<number, ReceiptVatTotal>();
  for (const l of lines) {
    const t = byRate.get(l.vatRateBp) ?? { vatRateBp: l.vatRateBp, netMinor: 0, vatMinor: 0, grossMinor: 0 };
    t.grossMinor += l.grossMinor;
    t.vatMinor += l.vatMinor;
    t.netMinor = t.grossMinor - t.vatMinor;
    byRate.set(l.vatRateBp, t);
  }
  const vatTotals = [...byRate.values()].sort((a, b) => b.vatRateBp - a.vatRateBp);
  const sum = (k: "netMinor" | "vatMinor" | "grossMinor") => vatTotals.reduce((s, t) => s + t[k], 0);
  return { vatTotals, totals: { netMinor: sum("netMinor"), vatMinor: sum("vatMinor"), grossMinor: sum("grossMinor") } };
}

/** How an "E-mail me this receipt" request went. */
export type ReceiptEmailOutcome = "sent" | "already_sent" | "mail_not_configured" | "mail_failed";

export const listPurchasesInput = z.object({
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const receiptInput = z.object({ purchaseId: z.string().min(1).max(64) });

/** A receipt is e-mailed at most once a minute per purchase; a repeat within it sends nothing. */
export const RECEIPT_EMAIL_INTERVAL_SECONDS = 60;
/** And at most this many receipts per consumer in this many minutes, whichever purchases. */
export const RECEIPT_EMAIL_WINDOW = { count: 10, minutes: 10 } as const;

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
