import { sql } from "drizzle-orm";
import { check, integer, pgPolicy, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { appRole, currentOrgId, currentUserId } from "./roles";

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** The language the user chose for the app ('en' or 'zh-CN'); null follows the browser. */
    locale: text("locale"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    check("users_locale_known", sql`${t.locale} in ('en', 'zh-CN')`),
    // Inside a tenant transaction a user row is visible only to itself and to fellow members.
    pgPolicy("users_visible_to_self_and_org", {
      for: "select",
      to: appRole,
      using: sql`${t.id} = ${currentUserId} or exists (
        select 1 from memberships m where m.user_id = ${t.id} and m.org_id = ${currentOrgId})`,
    }),
  ],
).enableRLS();

/**
 * Failed sign-in counters, keyed `account:<email>` or `ip:<address>`. Owner-only: the app role
 * has no grant on it.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export type User = typeof users.$inferSelect;
