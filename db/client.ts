import { mkdirSync } from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { keepPreparedStatements } from "./script";

/** One database type for every driver; `execute()` returns untyped rows. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbDriver = "pglite" | "neon" | "pg";

export interface DbConfig {
  /** A Postgres URL; without it the embedded PGlite database is used. */
  url?: string;
  driver?: DbDriver;
  /** PGlite's data directory, or "memory://" for a throwaway in-memory database. */
  dataDir?: string;
  /** Pool size for server drivers. */
  maxConnections?: number;
}

export interface DbHandle {
  db: Db;
  driver: DbDriver;
  close: () => Promise<void>;
}

/** Neon is chosen for its hosts or by name; any other URL is a plain Postgres server. */
export function chooseDriver(config: DbConfig): DbDriver {
  if (config.driver) return config.driver;
  if (!config.url) return "pglite";
  return new URL(config.url).hostname.endsWith(".neon.tech") ? "neon" : "pg";
}

/** Opens a database. Drivers are imported lazily so a deployment loads only the one it uses. */
export async function createDb(config: DbConfig): Promise<DbHandle> {
  const driver = chooseDriver(config);
  if (driver === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const dataDir = config.dataDir ?? "./.data";
    let client;
    if (dataDir.startsWith("memory://")) {
      client = new PGlite(dataDir);
    } else {
      // PGlite does not create parent directories itself.
      const dir = path.resolve(dataDir, "pglite");
      mkdirSync(dir, { recursive: true });
      client = new PGlite(dir);
    }
    await client.waitReady;
    keepPreparedStatements(client);
    return { db: drizzle({ client, schema }) as unknown as Db, driver, close: () => client.close() };
  }
  if (!config.url) throw new Error(`DATABASE_URL is required for the ${driver} driver`);
  if (driver === "neon") {
    const { Pool, neonConfig } = await import("@neondatabase/serverless");
    const { drizzle } = await import("drizzle-orm/neon-serverless");
    const ws = (await import("ws")).default;
    // Node 20 has no global WebSocket.
    neonConfig.webSocketConstructor = ws;
    const pool = new Pool({ connectionString: config.url, max: config.maxConnections ?? 10 });
    pool.on("error", (error: Error) => console.error("[db] idle connection lost:", error.message));
    return { db: drizzle({ client: pool, schema }) as unknown as Db, driver, close: () => pool.end() };
  }
  const pg = (await import("pg")).default;
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new pg.Pool({ connectionString: config.url, max: config.maxConnections ?? 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on next use.
  pool.on("error", (error) => console.error("[db] idle connection lost:", error.message));
  keepPreparedStatements(pool);
  return { db: drizzle({ client: pool, schema }) as unknown as Db, driver, close: () => pool.end() };
}

/** Runs raw SQL and returns its rows, typed by the caller (every driver answers `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** How many rows a write changed, as node-postgres and Neon (`rowCount`) and PGlite (`affectedRows`) report it. */
export function affectedRows(result: unknown): number {
  const counted = result as { rowCount?: number | null; affectedRows?: number };
  return counted.rowCount ?? counted.affectedRows ?? 0;
}
