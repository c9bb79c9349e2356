// The Postgres databases benchmarks run on: each lives on the server of BENCH_DATABASE_URL (default:
// the local server), is created on first use and migrated to the current schema on every open, so a
// benchmark runs on a fresh machine with nothing set up beforehand.
import pg from "pg";
import { createDb, type DbHandle } from "../../db/client";
import { migrate } from "../../db/migrate";
import { env } from "../../env";

export interface BenchDatabase extends DbHandle {
  /** The database's name and URL (e.g. for a server process started against it). */
  name: string;
  url: string;
}

export interface BenchDatabaseOptions {
  /** The database's name on that server; default: the database named in the server URL. */
  name?: string;
  /** A Postgres URL naming the server; default BENCH_DATABASE_URL. */
  server?: string;
  maxConnections?: number;
}

/** Database names benchmarks use: letters, digits and underscores, so they need no quoting. */
const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL of database `name` on the server of `server`. */
export function benchDatabaseUrl(name: string, server = env.BENCH_DATABASE_URL): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` on a connection to the server's `postgres` database (for create and drop database). */
async function onMaintenanceDatabase<T>(server: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: benchDatabaseUrl("postgres", server) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database unless it exists; true if it was created. */
export async function ensureBenchDatabase(name: string, server = env.BENCH_DATABASE_URL): Promise<boolean> {
  if (!NAME.test(name)) throw new Error(`bench database name ${JSON.stringify(name)}: use lower-case letters, digits and _`);
  return onMaintenanceDatabase(server, async (client) => {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (rowCount) return false;
    try {
      await client.query(`create database ${name}`);
      return true;
    } catch (error) {
      // Another run created it between the check and the create.
      if ((error as { code?: string }).code === "42P04") return false;
      throw error;
    }
  });
}

/**
 * Opens a benchmark database on the server of BENCH_DATABASE_URL: creates it if it does not exist,
 * applies pending migrations and returns the handle.
 */
export async function openBenchDatabase(options: BenchDatabaseOptions = {}): Promise<BenchDatabase> {
  const server = options.server ?? env.BENCH_DATABASE_URL;
  const name = options.name ?? decodeURIComponent(new URL(server).pathname.slice(1));
  if (await ensureBenchDatabase(name, server)) console.log(`Created database ${name}.`);
  const url = benchDatabaseUrl(name, server);
  const handle = await createDb({ url, driver: "pg", maxConnections: options.maxConnections ?? 4 });
  try {
    const applied = await migrate(handle);
    if (applied > 0) console.log(`Migrated ${name}: ${applied} migration(s) applied.`);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return { ...handle, name, url };
}

/** Drops a benchmark database, closing other sessions on it. */
export async function dropBenchDatabase(name: string, server = env.BENCH_DATABASE_URL): Promise<void> {
  if (!NAME.test(name)) throw new Error(`bench database name ${JSON.stringify(name)}: use lower-case letters, digits and _`);
  await onMaintenanceDatabase(server, (client) => client.query(`drop database if exists ${name} with (force)`));
}
