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

let orgTables: string[] | undefined;

/**
 * Every row an org owns: its organizations row and its rows in each table with an `org_id` column
 * (found in the catalog, so new tables are included), as sorted text to compare before and after.
 */
export async function orgSnapshot(db: Db, orgId: string): Promise<Record<string, string[]>> {
  // Every test database is migrated alike, so the catalog is read once per file.
  orgTables ??= rowsOf<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'org_id' order by table_name`),
  ).map((r) => r.table_name);
  const tables = orgTables;
  const snapshot: Record<string, string[]> = { organizations: [] };
  for (const table of tables) snapshot[table] = [];
  // One statement for every table: each row as its JSON text, tagged with its table.
  const rows = rowsOf<{ t: string; r: string }>(
    await db.execute(
      sql.join(
        [
          sql`select 'organizations' as t, to_jsonb(x)::text as r from organizations x where x.id = ${orgId}`,
          ...tables.map((table) => sql`select ${table}::text, to_jsonb(x)::text from ${sql.identifier(table)} x where x.org_id = ${orgId}`),
        ],
        sql` union all `,
      ),
    ),
  );
  for (const { t, r } of rows) snapshot[t]!.push(r);
  for (const table of tables) snapshot[table]!.sort();
  return snapshot;
}
