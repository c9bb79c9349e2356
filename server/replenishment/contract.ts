// What the browser and other domains may know of replenishment: inputs, vocabularies, messages.
import { z } from "zod";
import { defineMessages } from "~/server/errors";
import { calendarDay, instant } from "~/server/input/calendar";
import { pageCursor } from "~/server/input/cursor";

export const replenishmentMessages = defineMessages("replenishment", {
  day_outside_plan: "The plan covers {first} to {last}; choose a day in between.",
  route_name_taken: "Another route already has this name.",
  technician_not_member: "Choose a member of this organization.",
  technician_role_too_low: "Choose a member with the technician role or above.",
  route_machine_not_found: "A machine on this route was not found.",
  day_outside_horizon: "Choose a day from today to {last}.",
  work_end_before_start: "End the working day after it starts.",
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
/**
 * What an hour of a slot standing empty costs the operator beyond the margin of the sales it loses
 * (minor units): customers who find their product missing come back less. Plans weigh it when they
 * choose visit days; the lost margin they report leaves it out.
 */
export const DEFAULT_EMPTY_SLOT_HOUR_MINOR = 10;
export const DEFAULT_SELLOUT_THRESHOLD = 0.5;

/** Weekday names, 0 = Monday (as `weekdayOf` counts). */
export const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const DEFAULT_WORKING_DAYS: readonly number[] = [0, 1, 2, 3, 4];
export const DEFAULT_WORK_START = "07:00";
export const DEFAULT_WORK_END = "17:00";
export const DEFAULT_SAME_DAY_CUTOFF = "14:00";

/** A local time of day, "HH:MM" (24-hour). */
export const clockTime = (what: string) => z.string(`Enter ${what}.`).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter ${what} as HH:MM, e.g. 07:30.`);

/** Working weekdays, 0 = Monday .. 6 = Sunday, each once. */
export const workingDaysInput = z
  .array(z.number().int().min(0).max(6), "Choose the working days.")
  .min(1, "Choose at least one working day.")
  .max(7)
  .refine((days) => new Set(days).size === days.length, "Each day may appear once.");

export interface ReplenishmentSettings {
  visitCostMinor: number;
  currency: string;
  fillTo: FillTo;
  selloutThreshold: number;
  /** What an hour of an empty slot costs beyond its lost margin, minor units (see DEFAULT_EMPTY_SLOT_HOUR_MINOR). */
  emptySlotHourMinor: number;
  /** Weekdays visits may be planned on, 0 = Monday, ascending. */
  workingDays: number[];
  /** Working hours and the same-day cut-off, "HH:MM" in the org's zone. */
  workStart: string;
  workEnd: string;
  sameDayCutoff: string;
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
  // Left out: kept as they are.
  emptySlotHourMinor: z
    .number("Enter the cost of an empty slot per hour.")
    .int("Enter the cost in minor units (cents).")
    .min(0, "The cost of an empty slot cannot be negative.")
    .max(100_000, "The cost of an empty slot is at most 1,000.00 an hour.")
    .optional(),
  workingDays: workingDaysInput.optional(),
  workStart: clockTime("the start of the working day").optional(),
  workEnd: clockTime("the end of the working day").optional(),
  sameDayCutoff: clockTime("the same-day cut-off").optional(),
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
  /** The route's own working days; null follows the org's. */
  workingDays: workingDaysInput.nullable().default(null),
  /** Most machines and most units in one day of the route; null = no limit. */
  maxStops: z.number("Enter a number of stops.").int("Enter a whole number of stops.").min(1, "Allow at least one stop a day, or leave it empty.").max(500, "Use at most 500 stops.").nullable().default(null),
  maxUnits: z.number("Enter a number of units.").int("Enter a whole number of units.").min(1, "Allow at least one unit a day, or leave it empty.").max(1_000_000, "Use at most 1,000,000 units.").nullable().default(null),
});

export const deliveryRouteIdInput = z.object({ routeId: z.string().min(1).max(64) });
export const updateDeliveryRouteInput = deliveryRouteInput.extend(deliveryRouteIdInput.shape);

/** A delivery route's day: its stops and pick list. */
export const deliveryRouteDayInput = z.object({
  routeId: z.string().min(1).max(64),
  /** Local date; today when left out. */
  day: calendarDay.optional(),
});

/** Why a machine needs someone, most urgent first on the home page. */
export const attentionKinds = ["offline", "fault", "refund_failed", "sold_out", "visit_overdue", "cash_full", "audit_findings"] as const;
export type AttentionKind = (typeof attentionKinds)[number];

/** Cash in a box above this many units of the org's currency counts as a full box (one assumption for every machine). */
export const CASH_BOX_FULL_MAJOR = 300;

export interface AttentionReason {
  kind: AttentionKind;
  text: string;
  severity: "critical" | "warning" | "info";
  /** What to do, and where: a path under the org (`machines/m_1`, `alerts/al_1`, `refunds?status=failed`). */
  action: { label: string; path: string };
}

export interface MachineNeedingAttention {
  machineId: string;
  name: string;
  locationName: string | null;
  reasons: AttentionReason[];
}

/** The home page's "needs attention": the two headline figures of the plan and the machines with exceptions. */
export interface NeedsAttention {
  today: string;
  currency: string;
  /** Expected lost margin over the horizon if no machine is visited, minor units. */
  atRiskMinor: number;
  /** Expected lost margin the visits planned for today avoid, minor units. */
  savedTodayMinor: number;
  /** Machines planned for a visit today. */
  visitsToday: number;
  machines: MachineNeedingAttention[];
  /** Today's plan, if a manager accepted it. */
  acceptance: PlanAcceptanceView | null;
}

/** A day's plan as a manager accepted it, and who was told. */
export interface PlanAcceptanceView {
  day: string;
  acceptedAt: Date;
  acceptedByName: string | null;
  /** Planned stops when it was accepted. */
  stops: number;
  /** Stops on no route, or on a route without a technician: nobody was told about these. */
  unassignedStops: number;
  /** Technicians told, by name. */
  notified: string[];
}

/** A page of recorded visits for the public API: from `from` (inclusive) to `to` (exclusive). */
export const visitPageInput = z.object({
  machineId: z.string().min(1).max(64).optional(),
  technicianId: z.string().min(1).max(64).optional(),
  routeId: z.string().min(1).max(64).optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const visitInput = z.object({ visitId: z.string().min(1).max(64) });

/** A day of the plan for the public API: today in the org's zone when left out. */
export const dayPlanInput = z.object({ day: calendarDay.optional() });
