// The ingest domain's contract: what a browser may import (inputs, vocabularies, messages), no database.
import { z } from "zod";
import { defineMessages } from "~/server/errors";
import { instant } from "~/server/input/calendar";
import { slotCountsInput } from "~/server/inventory/contract";

export const ingestMessages = defineMessages("ingest", {
  visit_key_taken: "This visit key was already used for another machine.",
  visit_refused: "{reason}",
  visit_audit_invalid: "The audit file {file} cannot be read: {reason}",
  visit_undone: "This visit was undone; record a new visit instead.",
  visit_not_last: "Only a machine's last visit can be changed: {machine} was visited or restocked after this one.",
  visit_has_money: "This visit has {what} attached, so it cannot be undone; correct its counts instead.",
  visit_replaced_unknown: "This visit was recorded before visits could be undone; correct its counts instead.",
  visit_not_yours: "Only the technician who recorded this visit, or a manager, can change it.",
  visit_slot_not_counted: "Slot {slot} was not counted at this visit.",
});

/** Why one event of a batch was refused: each has a stable code and a message for the machine's log. */
export const REJECTION_CODES = ["invalid_id", "unknown_type", "invalid_occurred_at", "invalid_data", "unknown_slot", "unknown_order", "currency_mismatch"] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const recordVisitInput = z.object({
  machineId: z.string().min(1).max(64),
  routeId: z.string().min(1).max(64).nullable().default(null),
  /** Chosen by the device when the visit form opens: a repeated submit is the same visit. */
  visitKey: z.string().regex(/^[A-Za-z0-9_-]{8,48}$/, "A visit key is 8 to 48 letters, digits, - or _."),
  /**
   * When the phone recorded it, for a visit queued offline and sent later; the server's clock when
   * left out. Kept within the last week and never ahead of the server.
   */
  recordedAt: instant.optional(),
  /** Absolute counts per slot after the fill. */
  counts: slotCountsInput,
  /** The cash the technician counted from the machine's box, in minor units; null when not collected. */
  cashCountedMinor: z.number("Enter the cash counted.").int("Enter the amount in minor units.").min(0, "The amount cannot be negative.").max(100_000_000, "That is more than a machine holds.").nullable().default(null),
  /** The machine's audit file read at the visit (DEX / EVA-DTS), as base64 of its bytes. */
  audit: z
    .object({
      name: z.string().trim().min(1).max(255),
      contentBase64: z.string().min(1, "The audit file is empty.").max(1_398_112, "The audit file is over 1 MiB."),
    })
    .nullable()
    .default(null),
});

/** Undoing a machine's last visit: its counts give way to the ones it replaced. */
export const undoVisitInput = z.object({ visitId: z.string().min(1).max(64) });

/** Correcting the counts a visit recorded. */
export const correctVisitInput = z.object({ visitId: z.string().min(1).max(64), counts: slotCountsInput });

/** How far back a visit sent late may say it was recorded. */
export const VISIT_RECORDED_AT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
