// What the browser and other domains may know of replenishment: inputs, vocabularies, messages.
import { z } from "zod";
import { defineMessages } from "~/server/errors";
import { calendarDay } from "~/server/input/calendar";

export const replenishmentMessages = defineMessages("replenishment", {
  route_name_taken: "Another route already has this name.",
  technician_not_member: "Choose a member of this organization.",
  technician_role_too_low: "Choose a member with the technician role or above.",
  route_machine_not_found: "A machine on this route was not found.",
  day_outside_horizon: "Choose a day from today to {last}.",
});

/** How full a visit leaves a slot: up to its capacity, or to its par level. */
export const FILL_TO = ["capacity", "par"] as const;
export type FillTo = (typeof FILL_TO)[number];

/** Days a plan looks ahead, today included. */
export const HORIZON_DAYS = 7;
/** Days of daily history each forecast learns from. */
export const HISTORY_DAYS = 56;
/** The alert rule a likely sell-out before the next visit raises. */
export const SELLOUT_RULE = "predicted_sellout";

export const DEFAULT_VISIT_COST_MINOR = 2500;
export const DEFAULT_SELLOUT_THRESHOLD = 0.5;

export interface ReplenishmentSettings {
  visitCostMinor: number;
  currency: string;
  fillTo: FillTo;
  selloutThreshold: number;
  /** Whether the operator saved these, or they are the defaults. */
  saved: boolean;
}

export const settingsInput = z.object({
  visitCostMinor: z
    .number("Enter the cost of a visit.")
    .int("Enter the cost in minor units (cents).")
    .min(0, "The visit cost cannot be negative.")
    .max(10_000_000, "The visit cost is at most 100,000.00."),
  fillTo: z.enum(FILL_TO, "Choose capacity or par."),
  selloutThreshold: z
    .number("Enter a probability.")
    .min(0.05, "Use a threshold of at least 5%.")
    .max(0.99, "Use a threshold of at most 99%."),
});

/** A machine the replenishment plan sends someone to. */
export interface MachineToVisit {
  machineId: string;
  name: string;
  locationName: string | null;
  reason: string;
}

/** A delivery route as a manager edits it. */
export const deliveryRouteInput = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
  technicianId: z.string().min(1).max(64).nullable().default(null),
  notes: z.string().trim().max(1000, "Use at most 1,000 characters.").default(""),
  /** The route's machines in visiting order. */
  machineIds: z
    .array(z.string().min(1).max(64))
    .max(500, "A route has at most 500 machines.")
    .refine((ids) => new Set(ids).size === ids.length, "Each machine may appear once.")
    .default([]),
});

export const deliveryRouteIdInput = z.object({ routeId: z.string().min(1).max(64) });
export const updateDeliveryRouteInput = deliveryRouteInput.extend(deliveryRouteIdInput.shape);

/** A delivery route's day: its stops and pick list. */
export const deliveryRouteDayInput = z.object({
  routeId: z.string().min(1).max(64),
  /** Local date; today when left out. */
  day: calendarDay.optional(),
});
