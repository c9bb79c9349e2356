import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

// Several statements in one round trip. The extended protocol (what parameters need) takes one
// statement per round trip; the simple protocol takes a whole script, so a script's parameters are
// written into it as literals, here, and nowhere else. Hot paths use it to read what a batch needs in
// one trip and write everything it decided in another.

const dialect = new PgDialect();

/** A value written into SQL text as a literal; standard_conforming_strings is on for every script. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} into SQL`);
    return String(value);
  }
  if (typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return quote(value.toISOString());
  if (typeof value === "string") return quote(value);
  if (Array.isArray(value)) throw new Error("arrays are not written into scripts: pass JSON text (::jsonb) or one parameter per element");
  return quote(JSON.stringify(value));
}

function quote(text: string): string {
  // Postgres text cannot hold NUL; the inputs that reach scripts are checked before, so this is a bug.
  if (text.includes("\0")) throw new Error("NUL in a SQL literal");
  return `'${text.replaceAll("'", "''")}'`;
}

/** The statement's text with its parameters written in as literals. */
export function renderStatement(statement: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  // Drizzle numbers its placeholders $1..$n and writes no other `$` followed by a digit.
  return text.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

type Row = Record<string, unknown>;
interface SimpleQueryClient {
  query?: (text: string) => Promise<{ rows: Row[] } | { rows: Row[] }[]>;
  exec?: (text: string) => Promise<{ rows: Row[] }[]>;
}

/** The driver connection under a Drizzle database or transaction. */
function clientOf(db: Db): SimpleQueryClient {
  const client = (db as unknown as { session?: { client?: SimpleQueryClient } }).session?.client;
  if (!client) throw new Error("runScript needs a Drizzle database of the pg, neon or pglite driver");
  return client;
}

/**
 * Runs statements as one script, in one round trip, and returns each statement's rows. Inside a
 * transaction (`db` a Drizzle transaction) the statements run on its connection, one after the
 * other, each seeing the ones before.
 */
export async function runScript(db: Db, statements: SQL[]): Promise<Row[][]> {
  if (statements.length === 0) return [];
  const text = statements.map(renderStatement).join(";\n");
  const client = clientOf(db);
  // PGlite (and its transactions) run scripts with exec(); node-postgres and Neon's Pool with query().
  if (client.exec) return (await client.exec(text)).map((r) => r.rows);
  const result = await client.query!(text);
  return (Array.isArray(result) ? result : [result]).map((r) => r.rows ?? []);
}
