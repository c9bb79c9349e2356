import { sql } from "drizzle-orm";
import { pgRole } from "drizzle-orm/pg-core";

/**
 * The role requests run as inside `withTenant`: not a superuser, no BYPASSRLS, owns nothing.
 * It is created (if missing) and granted by a custom migration, since roles are cluster-wide.
 */
export const appRole = pgRole("vendops_app").existing();

/** The current organization as set by `withTenant`, or null outside of one. */
export const currentOrgId = sql`nullif(current_setting('app.org_id', true), '')`;

/** The signed-in user as set by `withTenant`, or null. */
export const currentUserId = sql`nullif(current_setting('app.user_id', true), '')`;

/** The consumer as set by `withConsumer`: their own purchases across operators, or null. */
export const currentConsumerId = sql`nullif(current_setting('app.consumer_id', true), '')`;
