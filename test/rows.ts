import { count, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client";

/** The rows of a `db.execute()` result (every driver returns them under `rows`). */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** How many rows a table holds (optionally matching `where`), read on the owner connection. */
export async function countRows(db: Db, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return Number(row?.n ?? 0);
}

const asText = (row: unknown) => JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));

/**
 * Every row an org owns: its organizations row and its rows in each table with an `org_id` column
 * (found in the catalog, so new tables are included), as sorted text to compare before and after.
 */
export async function orgSnapshot(db: Db, orgId: string): Promise<Record<string, string[]>> {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'org_id' order by table_name`),
  ).map((r) => r.table_name);
  const snapshot: Record<string, string[]> = {
    organizations: rowsOf(await db.execute(sql`select * from organizations where id = ${orgId}`)).map(asText),
  };
  for (const table of tables) {
    const rows = rowsOf(await db.execute(sql`select * from ${sql.identifier(table)} where org_id = ${orgId}`));
    snapshot[table] = rows.map(asText).sort();
  }
  return snapshot;
}
