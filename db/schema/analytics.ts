import { sql } from "drizzle-orm";
import { bigint, boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { machineIdColumn } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

/**
 * A 64-bit transaction id (`xid8`), read as text. Rollups use the id of the transaction that wrote
 * a row to know, from a snapshot's xmin, which rows can no longer appear late (see server/analytics/rollup.ts).
 */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

/** The transaction writing the row; a column default, so writers need not know about it. */
export const writerXid = (name: string) =>
  xid8(name)
    .notNull()
    .default(sql`pg_current_xact_id()`);

/**
 * A period during which a slot was empty: opened when a vend takes its stock to zero, closed by a
 * restock with a quantity above zero. At most one open period per (machine, slot).
 */
export const slotStockouts = pgTable(
  "slot_stockouts",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    slotCode: text("slot_code").notNull(),
    productId: text("product_id").references(() => products.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** The last transaction that opened or closed it: the rollup job recomputes what changed. */
    changedXid: writerXid("changed_xid"),
  },
  (t) => [
    uniqueIndex("slot_stockouts_one_open_key").on(t.machineId, t.slotCode).where(sql`${t.endedAt} is null`),
    index("slot_stockouts_org_machine_idx").on(t.orgId, t.machineId, t.slotCode, t.startedAt),
    index("slot_stockouts_org_changed_idx").on(t.orgId, t.changedXid),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/** The figures every sales rollup keeps; all additive, so new sales are added in place. */
const salesMeasures = () => ({
  units: integer("units").notNull().default(0),
  revenueMinor: bigint("revenue_minor", { mode: "number" }).notNull().default(0),
  costMinor: bigint("cost_minor", { mode: "number" }).notNull().default(0),
  failedVends: integer("failed_vends").notNull().default(0),
  /** Failed paid vends: each owes its price back (by the provider, or in cash). */
  refunds: integer("refunds").notNull().default(0),
  refundMinor: bigint("refund_minor", { mode: "number" }).notNull().default(0),
});

/**
 * Sales rolled up per org day (in the org's time zone), machine, slot, product, location, payment
 * method and currency. Absent product or location is '' so the key is a plain primary key.
 */
export const salesDaily = pgTable(
  "sales_daily",
  {
    orgId: orgIdColumn(),
    day: date("day", { mode: "string" }).notNull(),
    machineId: text("machine_id").notNull(),
    slotCode: text("slot_code").notNull(),
    productId: text("product_id").notNull(),
    locationId: text("location_id").notNull(),
    paymentMethod: text("payment_method").notNull(),
    currency: text("currency").notNull(),
    ...salesMeasures(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.day, t.machineId, t.slotCode, t.productId, t.locationId, t.paymentMethod, t.currency] }),
    index("sales_daily_org_product_day_idx").on(t.orgId, t.productId, t.day),
    index("sales_daily_org_location_day_idx").on(t.orgId, t.locationId, t.day),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/** The location key of a rollup row that sums every location. */
export const ALL_LOCATIONS = "*";
/** The machine key of a rollup row that sums every machine of a location. */
export const ALL_MACHINES = "*";

// Coarser rollups of the same figures, kept from the same deltas: the fine one has about as many
// rows as raw sales at a few sales per slot and day, so dashboards read these instead.

/** Per org day and payment method: the org's totals, the revenue chart, today against last week. */
export const salesDailyOrg = pgTable(
  "sales_daily_org",
  {
    orgId: orgIdColumn(),
    day: date("day", { mode: "string" }).notNull(),
    paymentMethod: text("payment_method").notNull(),
    currency: text("currency").notNull(),
    ...salesMeasures(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.paymentMethod, t.currency] }), orgIsolation(t.orgId)],
).enableRLS();

/**
 * Per org day, product and location: best sellers and slow movers per place; rows with the location
 * `ALL_LOCATIONS` hold the product's figures for the whole org, so org-wide rankings read few rows.
 */
export const salesDailyProduct = pgTable(
  "sales_daily_product",
  {
    orgId: orgIdColumn(),
    day: date("day", { mode: "string" }).notNull(),
    productId: text("product_id").notNull(),
    locationId: text("location_id").notNull(),
    currency: text("currency").notNull(),
    ...salesMeasures(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.day, t.productId, t.locationId, t.currency] }),
    // Holds the figures too, so a period's products are read from the index alone.
    index("sales_daily_product_org_location_idx").on(t.orgId, t.locationId, t.day, t.productId, t.currency, t.units, t.revenueMinor, t.costMinor),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/**
 * Per org day and machine (with its location then): machine and location performance. Rows with
 * the machine `ALL_MACHINES` hold a location's figures, so location rankings read few rows.
 */
export const salesDailyMachine = pgTable(
  "sales_daily_machine",
  {
    orgId: orgIdColumn(),
    day: date("day", { mode: "string" }).notNull(),
    machineId: text("machine_id").notNull(),
    locationId: text("location_id").notNull(),
    currency: text("currency").notNull(),
    ...salesMeasures(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.day, t.machineId, t.locationId, t.currency] }),
    // Holds the figures too, so a period's locations (machine '*') are read from the index alone.
    index("sales_daily_machine_org_machine_idx").on(t.orgId, t.machineId, t.day, t.locationId, t.currency, t.units, t.revenueMinor, t.costMinor),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/** Seconds each slot spent empty per org day, from slot_stockouts (open periods count up to now). */
export const stockoutDaily = pgTable(
  "stockout_daily",
  {
    orgId: orgIdColumn(),
    day: date("day", { mode: "string" }).notNull(),
    machineId: text("machine_id").notNull(),
    slotCode: text("slot_code").notNull(),
    productId: text("product_id").notNull(),
    locationId: text("location_id").notNull(),
    seconds: integer("seconds").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.machineId, t.slotCode] }), index("stockout_daily_org_product_day_idx").on(t.orgId, t.productId, t.day), orgIsolation(t.orgId)],
).enableRLS();

/**
 * How far each org's rollups have read, as the snapshot of the last run: every row written by a
 * transaction below the `_xid` (that snapshot's xmax) is in, except those of the transactions listed
 * in `_pending` (the ones still running then), which the next runs add once they commit.
 */
export const rollupWatermarks = pgTable(
  "rollup_watermarks",
  {
    orgId: orgIdColumn().primaryKey(),
    salesXid: xid8("sales_xid").notNull(),
    salesPending: xid8("sales_pending").array().notNull().default(sql`'{}'`),
    stockoutsXid: xid8("stockouts_xid").notNull(),
    stockoutsPending: xid8("stockouts_pending").array().notNull().default(sql`'{}'`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [orgIsolation(t.orgId)],
).enableRLS();

export interface MonthlyFigures {
  revenueMinor: number;
  costMinor: number;
  marginMinor: number;
  units: number;
  /** Succeeded vends; the average ticket is revenue over this. */
  tickets: number;
  averageTicketMinor: number;
  failedVends: number;
  /** Refunds owed for failed vends (from the sales rollups). */
  refunds: number;
  refundMinor: number;
  /**
   * The other refunds made in the month: by hand, on a consumer's request, and for paid online
   * orders the machine never dispensed. Absent in statistics written before they were counted.
   */
  otherRefunds?: number;
  otherRefundMinor?: number;
  /** Failed vends over all vends, 0..1. */
  failureRate: number;
  stockoutHours: number;
  /** Share of machine-hours with at least one report from the machine, 0..1; null without machines. */
  uptime: number | null;
}

export interface MonthlyBreakdownRow extends Omit<MonthlyFigures, "tickets" | "averageTicketMinor" | "uptime"> {
  key: string;
  label: string;
  uptime?: number | null;
}

export interface MonthlyBreakdowns {
  machines: MonthlyBreakdownRow[];
  locations: MonthlyBreakdownRow[];
  products: MonthlyBreakdownRow[];
  paymentMethods: MonthlyBreakdownRow[];
}

/**
 * The statistics of one closed month of one org, generated once the month is over and kept. Sales
 * that machines report late into a kept month mark it (and the months that compare with it) stale;
 * the next run of the job writes it again and records when.
 */
export const monthlyStatistics = pgTable(
  "monthly_statistics",
  {
    orgId: orgIdColumn(),
    /** First day of the month, in the org's time zone. */
    month: date("month", { mode: "string" }).notNull(),
    timeZone: text("time_zone").notNull(),
    currency: text("currency").notNull(),
    figures: jsonb("figures").$type<MonthlyFigures>().notNull(),
    previousMonth: jsonb("previous_month").$type<MonthlyFigures | null>(),
    previousYear: jsonb("previous_year").$type<MonthlyFigures | null>(),
    breakdowns: jsonb("breakdowns").$type<MonthlyBreakdowns>().notNull(),
    generatedAt: timestamp("generated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Late sales have reached the rollups of this month (or of one it compares with) since it was written. */
    stale: boolean("stale").notNull().default(false),
    /** When it was last written again for late sales; null while it is as first generated. */
    revisedAt: timestamp("revised_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month] }), orgIsolation(t.orgId)],
).enableRLS();

export type SlotStockout = typeof slotStockouts.$inferSelect;
export type MonthlyStatistics = typeof monthlyStatistics.$inferSelect;
