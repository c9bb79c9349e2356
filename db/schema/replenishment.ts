import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, text, time, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { machineIdColumn } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

export const fillTo = pgEnum("fill_to", ["capacity", "par"]);

/** How an org plans its restocking. One row per org; missing means the defaults. */
export const replenishmentSettings = pgTable(
  "replenishment_settings",
  {
    orgId: orgIdColumn().primaryKey(),
    /** What one machine visit costs (time, fuel), in `currency` minor units. */
    visitCostMinor: integer("visit_cost_minor").notNull(),
    currency: text("currency").notNull(),
    fillTo: fillTo("fill_to").notNull().default("capacity"),
    /** Raise `predicted_sellout` when a slot's chance of selling out before the next visit exceeds this (0..1). */
    selloutThreshold: real("sellout_threshold").notNull().default(0.5),
    /** What an hour of an empty slot costs beyond its lost margin, minor units; weighs where visits go. */
    emptySlotHourMinor: integer("empty_slot_hour_minor").notNull().default(10),
    /** Weekdays technicians work, 0 = Monday .. 6 = Sunday (as `weekdayOf` in server/time). */
    workingDays: integer("working_days").array().notNull().default(sql`'{0,1,2,3,4}'::integer[]`),
    /** Working hours, local time of the org's zone. */
    workStart: time("work_start").notNull().default("07:00"),
    workEnd: time("work_end").notNull().default("17:00"),
    /** After this local time a visit due today moves to the next working day. */
    sameDayCutoff: time("same_day_cutoff").notNull().default("14:00"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [orgIsolation(t.orgId), check("replenishment_settings_work_hours", sql`${t.workStart} < ${t.workEnd}`)],
).enableRLS();

/** A delivery route: a named round of machines that one technician services. */
export const deliveryRoutes = pgTable(
  "routes",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    name: text("name").notNull(),
    technicianId: text("technician_id").references(() => users.id, { onDelete: "set null" }),
    notes: text("notes").notNull().default(""),
    /** The route's working weekdays (0 = Monday), or null for the org's. */
    workingDays: integer("working_days").array(),
    /** Most machines, and most units, one day of the route takes; null = no limit. */
    maxStops: integer("max_stops"),
    maxUnits: integer("max_units"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("routes_org_name_key").on(t.orgId, t.name),
    orgIsolation(t.orgId),
    check("routes_capacity_positive", sql`(${t.maxStops} is null or ${t.maxStops} > 0) and (${t.maxUnits} is null or ${t.maxUnits} > 0)`),
  ],
).enableRLS();

/** The machines of a delivery route, in the order they are visited. A machine is on one route at most. */
export const deliveryRouteMachines = pgTable(
  "route_machines",
  {
    orgId: orgIdColumn(),
    routeId: text("route_id")
      .notNull()
      .references(() => deliveryRoutes.id, { onDelete: "cascade" }),
    machineId: machineIdColumn(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.routeId, t.machineId] }),
    uniqueIndex("route_machines_machine_key").on(t.machineId),
    index("route_machines_org_route_idx").on(t.orgId, t.routeId, t.position),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/**
 * The latest demand forecast of a slot, with what it was computed from: the model version, the
 * window of daily history and how many of its days were used or left out as sold out.
 */
export const slotForecasts = pgTable(
  "slot_forecasts",
  {
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    slotCode: text("slot_code").notNull(),
    productId: text("product_id"),
    modelVersion: text("model_version").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
    /** First and last local day of history the model learnt from. */
    windowStart: date("window_start", { mode: "string" }).notNull(),
    windowEnd: date("window_end", { mode: "string" }).notNull(),
    daysUsed: integer("days_used").notNull(),
    censoredDays: integer("censored_days").notNull(),
    /** Expected units on an average day; Monday..Sunday multipliers. */
    level: real("level").notNull(),
    weekdayFactors: jsonb("weekday_factors").$type<number[]>().notNull(),
    /** Negative binomial size; null when the spread is Poisson. */
    dispersion: real("dispersion"),
    /** Stock when computed, and what it meant then. */
    stock: integer("stock").notNull(),
    daysToEmpty: real("days_to_empty"),
    nextVisitDate: date("next_visit_date", { mode: "string" }),
    selloutProbability: real("sellout_probability").notNull(),
  },
  (t) => [primaryKey({ columns: [t.machineId, t.slotCode] }), index("slot_forecasts_org_machine_idx").on(t.orgId, t.machineId), orgIsolation(t.orgId)],
).enableRLS();

/**
 * A restock visit a technician recorded on a route. `visitKey` is chosen by the technician's
 * device when the form opens, so a repeated submit is the same visit.
 */
export const routeVisits = pgTable(
  "route_visits",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    visitKey: text("visit_key").notNull(),
    routeId: text("route_id").references(() => deliveryRoutes.id, { onDelete: "set null" }),
    machineId: machineIdColumn(),
    technicianId: text("technician_id").references(() => users.id, { onDelete: "set null" }),
    /** The `inventory.restocked` event the counts were applied through. */
    eventId: text("event_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    /** Absolute counts per slot after the fill. */
    counts: jsonb("counts").$type<{ slot: string; quantity: number }[]>().notNull(),
    /** The stock of the counted slots just before the visit, which undoing it restores; null for visits recorded before it was kept. */
    replacedCounts: jsonb("replaced_counts").$type<{ slot: string; quantity: number }[]>(),
    /** Times the counts were corrected after the visit (each correction is a count of its own, just after the visit). */
    corrections: integer("corrections").notNull().default(0),
    correctedAt: timestamp("corrected_at", { withTimezone: true }),
    /** Undone visits are kept, marked: their counts were replaced by the ones they had replaced. */
    undoneAt: timestamp("undone_at", { withTimezone: true }),
    undoneBy: text("undone_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("route_visits_org_key").on(t.orgId, t.visitKey),
    index("route_visits_org_machine_idx").on(t.orgId, t.machineId, t.occurredAt),
    index("route_visits_org_route_idx").on(t.orgId, t.routeId, t.occurredAt).where(sql`${t.routeId} is not null`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/**
 * A manager's acceptance of a day's plan: the stops it held when accepted, and who was told. One
 * per org and local day (a unique key), so a second press shows the first acceptance.
 */
export const planAcceptances = pgTable(
  "plan_acceptances",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    /** The local day (the org's zone) the plan is for. */
    day: date("day", { mode: "string" }).notNull(),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull().defaultNow(),
    /** The planned stops, by route, as they were when accepted. */
    stops: jsonb("stops").$type<{ machineId: string; name: string; routeId: string | null; units: number }[]>().notNull(),
    /** The members notified (technicians of routes with stops). */
    notified: text("notified").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [uniqueIndex("plan_acceptances_org_day_key").on(t.orgId, t.day), orgIsolation(t.orgId)],
).enableRLS();

export type DeliveryRouteRow = typeof deliveryRoutes.$inferSelect;
export type SlotForecastRow = typeof slotForecasts.$inferSelect;
export type RouteVisit = typeof routeVisits.$inferSelect;
export type PlanAcceptance = typeof planAcceptances.$inferSelect;
export type FillTo = (typeof fillTo.enumValues)[number];
