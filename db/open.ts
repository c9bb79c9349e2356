import { env } from "../env";
import { createDb, type Db, type DbHandle } from "./client";

/** Opens the database this deployment is configured for (DATABASE_URL, or PGlite in DATA_DIR). */
export function openDatabase(): Promise<DbHandle> {
  return createDb({ url: env.DATABASE_URL, driver: env.DATABASE_DRIVER, dataDir: env.DATA_DIR, maxConnections: env.DATABASE_POOL_MAX });
}

const globalForDb = globalThis as unknown as { vendopsDb?: Promise<DbHandle> };

/**
 * The process-wide database, opened on first use (never at import: `next build` evaluates route
 * modules). Kept on globalThis so dev hot reloads reuse one PGlite instance or pool.
 */
export async function getDb(): Promise<Db> {
  globalForDb.vendopsDb ??= openDatabase().catch((error: unknown) => {
    globalForDb.vendopsDb = undefined;
    throw error;
  });
  return (await globalForDb.vendopsDb).db;
}

/** Whether this deployment runs on the embedded database (no DATABASE_URL). */
export const isEmbedded = () => !env.DATABASE_URL && env.DATABASE_DRIVER !== "neon" && env.DATABASE_DRIVER !== "pg";
