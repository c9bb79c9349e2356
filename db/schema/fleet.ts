import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, pgEnum, pgTable, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgIdColumn, orgIsolation } from "./tenancy";

export const locationKind = pgEnum("location_kind", [
  "office",
  "school",
  "university",
  "hospital",
  "station",
  "airport",
  "factory",
  "retail",
  "gym",
  "hotel",
  "other",
]);

export const machineStatus = pgEnum("machine_status", ["online", "offline", "fault", "disabled"]);

export const locations = pgTable(
  "locations",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    kind: locationKind("kind").notNull().default("other"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("locations_org_idx").on(t.orgId, t.name), orgIsolation(t.orgId)],
).enableRLS();

export const machines = pgTable(
  "machines",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    locationId: text("location_id").references(() => locations.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    serial: text("serial").notNull(),
    model: text("model").notNull().default(""),
    status: machineStatus("status").notNull().default("offline"),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    firmware: text("firmware"),
    temperatureC: real("temperature_c"),
    signalDbm: integer("signal_dbm"),
    doorOpen: boolean("door_open"),
    /** occurredAt of the telemetry shown, so a late heartbeat never overwrites a newer reading. */
    telemetryAt: timestamp("telemetry_at", { withTimezone: true }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /**
     * Bumped whenever the machine's secrets change (issued, rotated): servers cache credentials
     * and compare this, read on the row the ingest transaction locks anyway.
     */
    credentialsVersion: integer("credentials_version").notNull().default(0),
    /** The machine API's rate limit, a fixed window kept on the row ingest locks. */
    requestWindowStartedAt: timestamp("request_window_started_at", { withTimezone: true }),
    requestWindowCount: integer("request_window_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("machines_org_serial_key").on(t.orgId, t.serial),
    index("machines_org_location_idx").on(t.orgId, t.locationId),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/** A required reference to a machine, gone with it. */
export const machineIdColumn = () =>
  text("machine_id")
    .notNull()
    .references(() => machines.id, { onDelete: "cascade" });

/**
 * A machine's signing secrets, encrypted (AES-256-GCM). The current one has no `expiresAt`; after
 * a rotation the previous one keeps verifying until its `expiresAt`, 24 hours later.
 */
export const machineSecrets = pgTable(
  "machine_secrets",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    ciphertext: text("ciphertext").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    index("machine_secrets_machine_idx").on(t.orgId, t.machineId),
    // The machine API looks a machine's secrets up by its id alone, before it knows the org.
    index("machine_secrets_by_machine_idx").on(t.machineId),
    uniqueIndex("machine_secrets_current_key").on(t.machineId).where(sql`${t.expiresAt} is null`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type Location = typeof locations.$inferSelect;
export type Machine = typeof machines.$inferSelect;
export type MachineStatus = (typeof machineStatus.enumValues)[number];
export type LocationKind = (typeof locationKind.enumValues)[number];
