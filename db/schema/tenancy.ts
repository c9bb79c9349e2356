import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgPolicy, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { appRole, currentConsumerId, currentOrgId } from "./roles";
import { users } from "./auth";

export const memberRole = pgEnum("member_role", ["owner", "admin", "manager", "technician", "viewer"]);

/** The tenant-isolation policy every org-owned table carries. */
export const orgIsolation = (orgIdColumn: { name: string }) =>
  pgPolicy("org_isolation", {
    for: "all",
    to: appRole,
    using: sql`${sql.identifier(orgIdColumn.name)} = ${currentOrgId}`,
    withCheck: sql`${sql.identifier(orgIdColumn.name)} = ${currentOrgId}`,
  });

/**
 * A consumer reads their own rows (purchases, orders, refunds, memberships) across operators
 * through `app.consumer_id`, never through an operator's org. Read-only: consumers change
 * nothing directly; their requests are written under the operator's org.
 */
export const consumerRead = (consumerIdColumn: { name: string }) =>
  pgPolicy("consumer_read", {
    for: "select",
    to: appRole,
    using: sql`${sql.identifier(consumerIdColumn.name)} = ${currentConsumerId}`,
  });

/** The `org_id` every tenant table starts with: required, and gone with its organization. */
export const orgIdColumn = () =>
  text("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export const organizations = pgTable(
  "organizations",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    timeZone: text("time_zone").notNull(),
    currency: text("currency").notNull(),
    supportEmail: text("support_email"),
    /** The operator's legal identity, printed on every receipt. */
    legalName: text("legal_name"),
    legalAddress: text("legal_address"),
    vatNumber: text("vat_number"),
    /** VAT rate in basis points (1900 = 19 %) for products without a rate of their own; prices are VAT-inclusive. */
    defaultVatRateBp: integer("default_vat_rate_bp").notNull().default(0),
    /** How many months raw machine events are kept; sales, statistics and rollups are kept regardless. */
    eventRetentionMonths: integer("event_retention_months").notNull().default(13),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organizations_slug_key").on(t.slug),
    check("organizations_event_retention_months_range", sql`${t.eventRetentionMonths} between 1 and 120`),
    check("organizations_default_vat_rate_range", sql`${t.defaultVatRateBp} between 0 and 10000`),
    orgIsolation(t.id),
  ],
).enableRLS();

export const memberships = pgTable(
  "memberships",
  {
    orgId: orgIdColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: memberRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index("memberships_user_idx").on(t.userId), orgIsolation(t.orgId)],
).enableRLS();

export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    email: text("email").notNull(),
    role: memberRole("role").notNull(),
    /** sha256 of the token in the link; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_org_idx").on(t.orgId, t.createdAt),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export const auditLog = pgTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    /** "user", "machine", "stripe", "job" or "system". */
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_org_created_idx").on(t.orgId, t.createdAt), orgIsolation(t.orgId)],
).enableRLS();

export type Organization = typeof organizations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type MemberRole = (typeof memberRole.enumValues)[number];

/**
 * An org's API key for the public REST API. Only the SHA-256 of the secret is kept (the secret is
 * 32 random bytes, so a plain hash is enough); `prefix` is what lists show. The rate limit is a
 * fixed window kept on the row, like the machine API's.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    /** `resource:read` or `resource:write`, from the tenancy contract's apiScopes. */
    scopes: text("scopes").array().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: text("revoked_by").references(() => users.id, { onDelete: "set null" }),
    requestWindowStartedAt: timestamp("request_window_started_at", { withTimezone: true }),
    requestWindowCount: integer("request_window_count").notNull().default(0),
  },
  (t) => [
    uniqueIndex("api_keys_key_hash_key").on(t.keyHash),
    uniqueIndex("api_keys_prefix_key").on(t.prefix),
    index("api_keys_org_created_idx").on(t.orgId, t.createdAt),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type ApiKey = typeof apiKeys.$inferSelect;

/**
 * The answers to API writes sent with an `Idempotency-Key`, kept a day: a repeat of the same
 * request gets the stored answer instead of a second effect. The unique key makes a concurrent
 * repeat wait for the first and then replay it.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    apiKeyId: text("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** SHA-256 of the method, path and body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: integer("status"),
    body: text("body"),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("api_idempotency_keys_key_key").on(t.orgId, t.apiKeyId, t.key),
    index("api_idempotency_keys_created_idx").on(t.createdAt),
    orgIsolation(t.orgId),
  ],
).enableRLS();
