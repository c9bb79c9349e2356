import { sql } from "drizzle-orm";
import type { Db } from "./client";

export interface TenantScope {
  orgId: string | null;
  userId?: string | null;
}

/**
 * The statement that confines the rest of a transaction to one organization: `app.org_id`,
 * `app.user_id` and the application role, which row-level security applies to
 * (set_config('role', ..., true) is SET LOCAL ROLE). Scripts that begin a tenant transaction put
 * it first; it also makes sure strings in scripts are read as standard SQL strings.
 */
export function tenantSettings(scope: TenantScope) {
  return sql`select set_config('app.org_id', ${scope.orgId ?? ""}, true), set_config('app.user_id', ${scope.userId ?? ""}, true),
    set_config('standard_conforming_strings', 'on', true), set_config('role', 'vendops_app', true)`;
}

/**
 * Runs `fn` in one transaction that Postgres itself confines to one organization: it sets
 * `app.org_id` (and `app.user_id`) for the transaction and switches to the application role,
 * which row-level security applies to. A query that forgets its org filter still sees only
 * this org's rows; with no org set it sees none.
 */
export async function withTenant<T>(db: Db, scope: TenantScope, fn: (tx: Db) => Promise<T>): Promise<T> {
  const { orgId, userId = null } = scope;
  return db.transaction(async (tx) => {
    await tx.execute(tenantSettings({ orgId, userId }));
    return fn(tx as unknown as Db);
  });
}

/**
 * Runs `fn` in one transaction confined to one consumer's own rows across operators: it sets
 * `app.consumer_id` and no org, so only the `consumer_read` policies let rows through.
 */
export async function withConsumer<T>(db: Db, consumerId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.org_id', '', true), set_config('app.user_id', ${consumerId}, true), set_config('app.consumer_id', ${consumerId}, true), set_config('role', 'vendops_app', true)`,
    );
    return fn(tx as unknown as Db);
  });
}

export interface HostScope {
  orgId: string;
  userId: string;
  /** The locations of the org the host may see; none means nothing. */
  locationIds: readonly string[];
}

/**
 * Runs `fn` in one transaction confined to a host's own places: it sets `app.org_id`,
 * `app.user_id` and `app.location_ids` and switches to the host role, which may read only the
 * host portal's tables and columns, and whose policies let through only rows of these locations.
 */
export async function withHost<T>(db: Db, scope: HostScope, fn: (tx: Db) => Promise<T>): Promise<T> {
  const locationIds = scope.locationIds.filter((id) => id !== "" && !id.includes(",")).join(",");
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.org_id', ${scope.orgId}, true), set_config('app.user_id', ${scope.userId}, true),
        set_config('app.location_ids', ${locationIds}, true), set_config('app.consumer_id', '', true), set_config('role', 'vendops_host', true)`,
    );
    return fn(tx as unknown as Db);
  });
}

/**
 * Inside a `withHost` transaction, runs `fn` as the application role for the same org (the
 * tenant policies apply), then returns to the host role: for the operator's side of a host's
 * action, written atomically with it, after the host-role checks passed.
 */
export async function asTenantWithinHost<T>(tx: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  await tx.execute(sql`select set_config('role', 'vendops_app', true)`);
  const result = await fn(tx);
  await tx.execute(sql`select set_config('role', 'vendops_host', true)`);
  return result;
}
