// What the browser and other domains may know of profit: card fees and profit per place.
import { z } from "zod";
import type { PaymentMethod } from "~/db/schema";
import { defineMessages } from "~/server/errors";
import { dayRange } from "~/server/input/calendar";
import { paymentMethods } from "~/server/sales/contract";

export const profitMessages = defineMessages("profit", {
  period_too_long: "Choose a period of at most three years.",
  fee_not_set: "No fee is set for {method}.",
});

/** Highest share of a payment a fee may take: 20 %. */
export const MAX_FEE_PERCENT_BP = 2_000;
/** Highest fixed fee per payment, in minor units. */
export const MAX_FEE_FIXED_MINOR = 10_000;

const method = z.enum(paymentMethods, `Choose a payment method: ${paymentMethods.join(", ")}.`);

/** One payment method's fee: a share of each payment (basis points, 290 = 2.9 %) plus a fixed amount per payment. */
export const setCardFeeInput = z.object({
  paymentMethod: method,
  percentBp: z
    .number("Enter the fee's percentage.")
    .int("Use whole basis points (2.9 % is 290).")
    .min(0, "A fee cannot be negative.")
    .max(MAX_FEE_PERCENT_BP, `Use at most ${MAX_FEE_PERCENT_BP / 100} %.`),
  fixedMinor: z
    .number("Enter the fixed fee per payment (0 for none).")
    .int("Use whole minor units (cents).")
    .min(0, "A fee cannot be negative.")
    .max(MAX_FEE_FIXED_MINOR, `Use at most ${MAX_FEE_FIXED_MINOR} minor units per payment.`),
});
export type SetCardFeeInput = z.infer<typeof setCardFeeInput>;

export const removeCardFeeInput = z.object({ paymentMethod: method });

/** One row of the card-fee settings: a method the org takes or has a fee for. */
export interface CardFeeRow {
  paymentMethod: PaymentMethod;
  /** Sales were paid this way in the last 365 days. */
  used: boolean;
  /** Payments this way in the last 365 days. */
  payments: number;
  /** Null when no fee is set (it then costs nothing). */
  percentBp: number | null;
  fixedMinor: number | null;
  updatedAt: Date | null;
}

export interface CardFeeSettings {
  currency: string;
  methods: CardFeeRow[];
}

/** A period of org days, inclusive; by default the 30 days up to today in the org's zone. */
export const placeProfitInput = dayRange({});

/** Whether a place earns its keep in the period. */
export const placeStandings = ["good", "fair", "candidate"] as const;
export type PlaceStanding = (typeof placeStandings)[number];

/** The costs set against a place's margin, in the order the reasons name them. */
export const profitCosts = ["refunds", "commission", "cardFees", "visits"] as const;
export type ProfitCost = (typeof profitCosts)[number];

/** A place's profit over a period: revenue minus cost of goods, refunds, commission, card fees and visits. */
export interface PlaceProfit {
  locationId: string;
  name: string;
  /** Machines standing there now. */
  machines: number;
  /** Machines times days of the period. */
  machineDays: number;
  revenueMinor: number;
  cogsMinor: number;
  /** Revenue minus cost of goods. */
  marginMinor: number;
  /** Money given back for sales counted in revenue (by hand, on request, for orders). */
  refundsMinor: number;
  /** The host's commission, rent and minimum guarantee, allocated to the period's machine-days. */
  commissionMinor: number;
  cardFeesMinor: number;
  visits: number;
  visitCostMinor: number;
  profitMinor: number;
  /** Profit over machine-days; null without machines. */
  profitPerMachineDay: number | null;
  standing: PlaceStanding;
  /** Why it stands where it does, in words. */
  reasons: string[];
}

export interface PlaceProfitReport {
  from: string;
  to: string;
  days: number;
  currency: string;
  /** What one visit costs (the planning settings). */
  visitCostMinor: number;
  /** Median profit per machine-day over places with machines. */
  medianProfitPerMachineDay: number | null;
  places: PlaceProfit[];
  totals: Omit<PlaceProfit, "locationId" | "name" | "profitPerMachineDay" | "standing" | "reasons">;
}
