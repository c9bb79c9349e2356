// What the browser and other domains may know of DEX audits: the answer of an upload, inputs,
// vocabularies and messages. No database here.
import { z } from "zod";
import { defineMessages } from "~/server/errors";
import { instant } from "~/server/input/calendar";
import { pageCursor } from "~/server/input/cursor";

export const auditsMessages = defineMessages("audits", {
  invalid_dex: "{file}: {reason}",
  file_too_large: "{file} is over 1 MiB; an audit file is a few kilobytes: check it is the DEX file read from the machine.",
  machine_not_found: "{file}: choose the machine it was read from.",
  no_machine_matches: "{file}: no machine has the serial {serial}; choose the machine it was read from.",
  no_serial_to_match: "{file}: the file names no machine serial; choose the machine it was read from.",
  slot_not_in_planogram: "Slot {slot} is not in this machine's planogram.",
  selection_unknown: "Selection {selection} is in none of this machine's audits.",
  audit_not_found: "Audit not found",
});

/** The most files one bulk upload takes. */
export const MAX_FILES_PER_UPLOAD = 50;
/** The largest audit file, as the machine endpoint takes it. */
export const MAX_AUDIT_BYTES = 1_048_576;

/** Quality codes: what looked wrong in an audit while it was still accepted. */
export const qualityCodes = {
  crc_mismatch: "CRC mismatch",
  no_serial: "No serial",
  serial_changed: "Serial changed",
  serial_mismatch: "Serial is not the machine's",
  non_numeric_field: "Field not a number",
  selection_without_id: "Selection without number",
  se_count_mismatch: "Record count off",
  no_read_time: "No read time",
  impossible_read_time: "Impossible read time",
  clock_suspect: "Suspect clock",
  counter_went_back: "Counter went back",
  duplicate_read: "Duplicate read",
  paid_value_mismatch: "Selections differ from paid vends",
  payment_split_mismatch: "Cash + cashless differ from paid vends",
  currency_differs: "Currency differs",
  counters_reset: "Counters reset",
  missing_read: "Missing read",
} as const;
export type QualityCode = keyof typeof qualityCodes;

export function qualityLabel(code: string): string {
  return (qualityCodes as Record<string, string>)[code] ?? code;
}

export interface QualityNote {
  code: string;
  message: string;
}

export interface AuditSelection {
  selection: string | null;
  priceMinor: number | null;
  paidCount: number | null;
  paidValueMinor: number | null;
}

/** An audit as the upload endpoint answers it (AUDITS.md), plus extra fields. */
export interface AuditAnswer {
  id: string;
  status: "accepted" | "duplicate";
  machineSerial: string | null;
  readAt: string | null;
  decimals: number;
  currency: string | null;
  paidVends: { count: number | null; valueMinor: number | null };
  cashSalesMinor: number | null;
  cashlessSalesMinor: number | null;
  selections: AuditSelection[];
  crc: "absent" | "ok" | "mismatch";
  quality: QualityNote[];
  machineId: string;
  receivedAt: string;
}

/**
 * Why a selection's sales between two reads are not simply the difference of its counters (see
 * `audit_sales.flag`). `missing_read` still counts: the counters run since initialisation.
 */
export const saleFlagLabels = {
  first_read: "First audit: nothing to compare with",
  new_selection: "Not in the previous audit",
  reset: "Counters initialised again since the previous audit",
  went_back: "Counter went back: sales unknown",
  no_value: "No value (4294967295 or not given)",
  missing_read: "A read in between did not reach VendOps",
} as const;
export type SaleFlag = keyof typeof saleFlagLabels;

/** A machine without telemetry: its sales come from its audits. */
export const INFERRED_EVENT_PREFIX = "audit:";

const id = z.string().trim().min(1).max(64);

export const listAuditsInput = z.object({
  machineId: id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Audits read before this one (its id), for paging. */
  before: id.optional(),
});

export const auditInput = z.object({ auditId: id });

export const uploadAuditFile = z.object({
  name: z.string().trim().min(1, "Name the file.").max(255, "Use a file name of at most 255 characters."),
  /** The file's bytes as base64 (files may not be valid UTF-8). */
  contentBase64: z.string().max(Math.ceil(MAX_AUDIT_BYTES / 3) * 4 + 8, "The file is over 1 MiB."),
  /** The machine it was read from; matched by the file's serial when left out. */
  machineId: id.nullable().default(null),
});

export const uploadAuditsInput = z.object({
  files: z.array(uploadAuditFile).min(1, "Choose at least one file.").max(MAX_FILES_PER_UPLOAD, `Upload at most ${MAX_FILES_PER_UPLOAD} files at once.`),
});

export const matchAuditFilesInput = z.object({
  /** Each file's serial (ID101) as the browser read it, to propose a machine. */
  serials: z.array(z.string().trim().max(64).nullable()).max(MAX_FILES_PER_UPLOAD),
});

export const selectionMapInput = z.object({ machineId: id });

export const setSelectionMapInput = z.object({
  machineId: id,
  entries: z
    .array(z.object({ selection: z.string().max(32), slotCode: z.string().trim().min(1).max(16).nullable() }))
    .max(400, "A machine has at most 400 selections."),
});

/** One uploaded file's outcome. */
export type UploadOutcome =
  | { name: string; status: "accepted" | "duplicate"; auditId: string; machineId: string; machineName: string; quality: QualityNote[]; crc: string }
  | { name: string; status: "failed"; code: string; message: string };

/**
 * A page of audits for the public API: read from `from` (inclusive) to `to` (exclusive); with
 * `hasFindings`, only audits with (or without) findings: quality notes, vends telemetry missed,
 * or selections whose sales could not be told.
 */
export const auditPageInput = z.object({
  machineId: id.optional(),
  from: instant.optional(),
  to: instant.optional(),
  hasFindings: z.boolean().optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
