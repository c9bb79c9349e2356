import { bigint, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { machineIdColumn } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

/** Raw bytes, kept exactly as they arrived (audit files may carry bytes that are not UTF-8). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer | string }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => {
    if (typeof value === "string") return Uint8Array.from(Buffer.from(value.startsWith("\\x") ? value.slice(2) : value, "hex"));
    return new Uint8Array(value);
  },
});

/** How an audit reached VendOps: the machine's own upload, a file an operator uploaded, or one attached to a visit. */
export const auditSource = pgEnum("audit_source", ["machine", "upload", "visit"]);

export interface AuditQualityNote {
  code: string;
  message: string;
}

export interface AuditSelectionCounters {
  selection: string | null;
  priceMinor: number | null;
  paidCount: number | null;
  paidValueMinor: number | null;
}

/** What else the file said, beyond the contract's fields (all since initialisation; null when not given). */
export interface AuditDetails {
  machineModel: string | null;
  previousReadAt: string | null;
  readsSinceInit: number | null;
  cashVends: number | null;
  cashlessVends: number | null;
  cashInMinor: number | null;
  cashToBoxMinor: number | null;
  cashToTubesMinor: number | null;
  billsInMinor: number | null;
  cashDispensedMinor: number | null;
  coinTubes: { tube: string | null; coinValueMinor: number | null; count: number | null; full: boolean | null }[];
  recordCount: number;
  seRecordCount: number | null;
}

/**
 * One DEX / EVA-DTS audit read from a machine, kept with its raw bytes. The same DEX content on the
 * same machine is stored once (`content_hash`, the records from the first DXS or ST through the
 * last DXE or SE with line endings normalised): a repeated upload answers with the stored audit.
 */
export const machineAudits = pgTable(
  "machine_audits",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    contentHash: text("content_hash").notNull(),
    source: auditSource("source").notNull(),
    /** The person who uploaded or attached it. */
    uploadedBy: text("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    /** The route visit it was attached to. */
    visitId: text("visit_id"),
    fileName: text("file_name"),
    raw: bytea("raw").notNull(),
    machineSerial: text("machine_serial"),
    /** When it was read, as the machine's clock wrote it (`YYYY-MM-DDTHH:MM:SS`, no offset). */
    readAtLocal: text("read_at_local"),
    /** The read time in the org's time zone, or the time it was received when the file gives none: audits are ordered by it. */
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
    decimals: integer("decimals").notNull(),
    currency: text("currency"),
    paidCount: bigint("paid_count", { mode: "number" }),
    paidValueMinor: bigint("paid_value_minor", { mode: "number" }),
    cashSalesMinor: bigint("cash_sales_minor", { mode: "number" }),
    cashlessSalesMinor: bigint("cashless_sales_minor", { mode: "number" }),
    selections: jsonb("selections").$type<AuditSelectionCounters[]>().notNull(),
    crc: text("crc").$type<"absent" | "ok" | "mismatch">().notNull(),
    /** The parser's notes and the cross-checks against the machine's other audits. */
    quality: jsonb("quality").$type<AuditQualityNote[]>().notNull().default([]),
    details: jsonb("details").$type<AuditDetails>().notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("machine_audits_machine_content_key").on(t.machineId, t.contentHash),
    index("machine_audits_org_machine_read_idx").on(t.orgId, t.machineId, t.readAt),
    index("machine_audits_org_received_idx").on(t.orgId, t.receivedAt),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/**
 * Why a selection's sales between two reads are not simply the difference of its counters:
 * `first_read` (no earlier audit), `new_selection` (not in the earlier audit), `reset` (the
 * machine's counters were initialised again: the later counter is the sales since), `went_back`
 * (this counter alone went back: unknown), `no_value` (4294967295 or not given), `missing_read`
 * (the machine was read in between without that audit reaching VendOps; the difference still holds).
 */
export const auditSaleFlag = pgEnum("audit_sale_flag", ["first_read", "new_selection", "reset", "went_back", "no_value", "missing_read"]);

/**
 * Sales between two consecutive audits of a machine, per selection: the difference of the
 * since-initialisation counters, the slot the selection maps to, and, for machines that also
 * report over the protocol, the vends telemetry recorded on that slot in the same period.
 */
export const auditSales = pgTable(
  "audit_sales",
  {
    auditId: text("audit_id")
      .notNull()
      .references(() => machineAudits.id, { onDelete: "cascade" }),
    /** The selection as written in the file; empty when the file gave none. */
    selection: text("selection").notNull(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    previousAuditId: text("previous_audit_id"),
    slotCode: text("slot_code"),
    periodStart: timestamp("period_start", { withTimezone: true }),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
    /** Units sold between the two reads; null when they cannot be known (see `flag`). */
    units: integer("units"),
    valueMinor: bigint("value_minor", { mode: "number" }),
    flag: auditSaleFlag("flag"),
    /** Successful vends telemetry recorded on the slot in the period (null: no telemetry to compare). */
    recordedUnits: integer("recorded_units"),
  },
  (t) => [
    primaryKey({ columns: [t.auditId, t.selection] }),
    index("audit_sales_org_machine_period_idx").on(t.orgId, t.machineId, t.periodEnd),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/** Which planogram slot an audit selection number stands for, per machine: filled where they match, editable. */
export const auditSelectionSlots = pgTable(
  "audit_selection_slots",
  {
    machineId: machineIdColumn(),
    selection: text("selection").notNull(),
    orgId: orgIdColumn(),
    /** Null: the selection is known but not mapped to a slot. */
    slotCode: text("slot_code"),
    /** `auto` when VendOps matched it, `manual` when a person set it (auto-matching never overrides those). */
    source: text("source").$type<"auto" | "manual">().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.machineId, t.selection] }),
    index("audit_selection_slots_org_idx").on(t.orgId, t.machineId),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type MachineAuditRow = typeof machineAudits.$inferSelect;
export type AuditSaleRow = typeof auditSales.$inferSelect;
export const auditSaleFlags = auditSaleFlag.enumValues;
export type AuditSaleFlag = (typeof auditSaleFlag.enumValues)[number];
