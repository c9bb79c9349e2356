import path from "node:path";
import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Db, DbHandle } from "./client";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies pending migrations as the connecting (owner) role. Returns how many were applied. */
export async function migrate(handle: DbHandle): Promise<number> {
  const before = await appliedCount(handle.db);
  if (handle.driver === "pglite") {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(handle.db as never, { migrationsFolder });
  } else if (handle.driver === "neon") {
    const { migrate: run } = await import("drizzle-orm/neon-serverless/migrator");
    await run(handle.db as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import("drizzle-orm/node-postgres/migrator");
    await run(handle.db as never, { migrationsFolder });
  }
  return readMigrationFiles({ migrationsFolder }).length - before;
}

async function appliedCount(db: Db): Promise<number> {
  try {
    const result = await db.execute(`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return Number((result as unknown as { rows: { n: number }[] }).rows?.[0]?.n ?? 0);
  } catch {
    return 0;
  }
}

// `npm run db:migrate`: exits non-zero when a migration fails.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await import("./load-env");
  const { openDatabase } = await import("./open");
  const handle = await openDatabase();
  try {
    const applied = await migrate(handle);
    console.log(`Migrations: ${applied} applied (${handle.driver}).`);
  } catch (error) {
    console.error("Migration failed:", error);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}
