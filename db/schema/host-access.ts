import { sql } from "drizzle-orm";
import { check, index, pgPolicy, pgRole, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { locations, machines } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

/**
 * The role host transactions switch to (`withHost`): not a superuser, no BYPASSRLS, owns nothing,
 * and granted only what a host may read. Created and granted by a custom migration.
 */
export const hostRole = pgRole("vendops_host").existing();

/** The locations a host transaction is confined to, as set by `withHost` (comma-separated ids). */
export const currentLocationIds = sql`string_to_array(nullif(current_setting('app.location_ids', true), ''), ',')`;

/**
 * The per-location lock every table a host reads carries: the org of the transaction and one of
 * the host's locations.
 */
export const hostLocationCheck = (orgIdColumnName: string, locationIdColumnName: string) =>
  sql`${sql.identifier(orgIdColumnName)} = nullif(current_setting('app.org_id', true), '') and ${sql.identifier(locationIdColumnName)} = any(${currentLocationIds})`;

/** A user who may see one location of an org in the host portal: the place's host. */
export const hostMembers = pgTable(
  "host_members",
  {
    orgId: orgIdColumn(),
    locationId: text("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.locationId, t.userId] }), index("host_members_user_idx").on(t.userId), orgIsolation(t.orgId)],
).enableRLS();

/**
 * An invitation for a host to one or more locations of an org. Like member invitations, only the
 * sha256 of the token in the link is kept; it works once, until it expires or is revoked.
 */
export const hostInvitations = pgTable(
  "host_invitations",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    email: text("email").notNull(),
    locationIds: text("location_ids").array().notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("host_invitations_token_hash_key").on(t.tokenHash),
    index("host_invitations_org_idx").on(t.orgId, t.createdAt),
    check("host_invitations_some_location", sql`cardinality(${t.locationIds}) between 1 and 50`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/**
 * A host's report of a problem with a machine at their place. The operator hears of it as an
 * alert (rule `host_report`); the row keeps who wrote what, and paces repeated reports.
 */
export const hostProblemReports = pgTable(
  "host_problem_reports",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    locationId: text("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    machineId: text("machine_id")
      .notNull()
      .references(() => machines.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("host_problem_reports_org_machine_idx").on(t.orgId, t.machineId, t.createdAt),
    index("host_problem_reports_user_idx").on(t.userId, t.createdAt),
    check("host_problem_reports_text", sql`length(trim(${t.text})) between 1 and 2000`),
    orgIsolation(t.orgId),
    pgPolicy("host_read", {
      for: "select",
      to: hostRole,
      using: sql`${hostLocationCheck("org_id", "location_id")} and ${sql.identifier("user_id")} = nullif(current_setting('app.user_id', true), '')`,
    }),
    pgPolicy("host_insert", {
      for: "insert",
      to: hostRole,
      withCheck: sql`${hostLocationCheck("org_id", "location_id")} and ${sql.identifier("user_id")} = nullif(current_setting('app.user_id', true), '')
        and exists (select 1 from machines m where m.id = machine_id and m.location_id = host_problem_reports.location_id)`,
    }),
  ],
).enableRLS();

export type HostMember = typeof hostMembers.$inferSelect;
export type HostInvitation = typeof hostInvitations.$inferSelect;
export type HostProblemReport = typeof hostProblemReports.$inferSelect;
