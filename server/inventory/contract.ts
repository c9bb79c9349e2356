// The inventory domain's contract: what a browser may import (inputs, messages), no database.
import { z } from "zod";
import { defineMessages } from "~/server/errors";
import { csvFileInput } from "~/server/catalog/contract";
import { instant } from "~/server/input/calendar";

export const inventoryMessages = defineMessages("inventory", {
  products_not_found: "Product not found: {productIds}",
  slot_not_in_planogram: "Slot {slot} is not in this machine's planogram.",
  slot_over_capacity: "Slot {slot} holds at most {capacity}; check the count.",
  par_over_capacity: "Slot {slot} would have a par level of {parLevel} over its capacity of {capacity}; lower the par level or raise the capacity.",
});

export const slotInput = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{1,8}$/, "A slot code is 1 to 8 letters or digits, such as A1."),
    productId: z.string().min(1).max(64).nullable(),
    capacity: z.number().int().min(1, "Capacity is at least 1.").max(999, "Capacity is at most 999."),
    parLevel: z.number().int().min(0, "Par level cannot be negative."),
    priceOverrideMinor: z.number().int().min(0).max(100_000_000).nullable().default(null),
  })
  .refine((s) => s.parLevel <= s.capacity, { message: "Par level cannot exceed capacity.", path: ["parLevel"] });

export const setPlanogramInput = z.object({
  machineId: z.string().min(1).max(64),
  slots: z
    .array(slotInput)
    .max(200, "A machine has at most 200 slots.")
    .refine((list) => new Set(list.map((s) => s.code)).size === list.length, "Each slot code may appear once."),
});

/** A change to one slot: the fields sent change, the others stay; a null price follows the product's. */
export const updateSlotInput = z.object({
  machineId: z.string().min(1).max(64),
  code: slotInput.shape.code,
  productId: z.string().min(1).max(64).nullable().optional(),
  capacity: z.number().int().min(1, "Capacity is at least 1.").max(999, "Capacity is at most 999.").optional(),
  parLevel: z.number().int().min(0, "Par level cannot be negative.").max(999, "Par level is at most 999.").optional(),
  priceOverrideMinor: z.number().int().min(0).max(100_000_000).nullable().optional(),
});

/** How an import treats a machine's planogram: replaced by the file's slots, or merged with them. */
export const planogramImportModes = ["merge", "replace"] as const;
export type PlanogramImportMode = (typeof planogramImportModes)[number];

export const planogramImportInput = csvFileInput.extend({ mode: z.enum(planogramImportModes) });

/** The columns of a planograms CSV: machine is its serial or name; price overrides the product's. */
export const planogramCsvColumns = ["machine", "slot", "sku", "capacity", "par", "price"] as const;

/** Rows a planogram import takes at once. */
export const MAX_PLANOGRAM_IMPORT_ROWS = 4000;

/** Absolute counts per slot after a fill, as a technician enters them. */
export const slotCountsInput = z
  .array(
    z.object({
      slot: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9]{1,8}$/, "A slot code is 1 to 8 letters or digits."),
      quantity: z.number("Enter a count.").int("Enter a whole number.").min(0, "A count cannot be negative.").max(9999),
    }),
  )
  .min(1, "Count at least one slot.")
  .max(200)
  .refine((list) => new Set(list.map((c) => c.slot)).size === list.length, "Each slot may be counted once.");

export const listVisitsInput = z.object({
  machineId: z.string().min(1).max(64).optional(),
  routeId: z.string().min(1).max(64).optional(),
  /** Only visits at or after this moment. */
  since: instant.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
