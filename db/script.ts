import { createHash } from "node:crypto";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

// Several statements in one round trip. The extended protocol (what parameters need) takes one
// statement per round trip; the simple protocol takes a whole script, so a script's parameters are
// written into it as literals, here, and nowhere else. Hot paths use it to read what a batch needs in
// one trip and write everything it decided in another.
//
// On connections that keep them (node-postgres pools and PGlite, not Neon's pooler, which hands each
// transaction another server connection), a statement is prepared the first time a connection runs
// it (`prepare ... as`, at the head of that script) and executed by name after, so Postgres plans
// it once per connection rather than on every request.

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

/** Pools (and PGlite databases) whose connections keep prepared statements between transactions. */
const keepsPrepared = new WeakSet<object>();
/** The statements prepared on each connection, by name. */
const preparedOn = new WeakMap<object, Set<string>>();
/** Past this many on one connection, new statement texts are sent with their values written in. */
const MAX_PREPARED = 200;

/** Lets scripts on this pool's connections (or this PGlite database) prepare their statements. */
export function keepPreparedStatements(pool: object): void {
  keepsPrepared.add(pool);
}

interface CompiledScript {
  /** `prepare` statements for what the connection has not prepared yet: they go first. */
  prepares: string[];
  texts: string[];
  /** Names the connection holds once the script has run. */
  names: string[];
}

/** The script's statements, executed by name where `connection` keeps prepared statements. */
function compile(statements: SQL[], connection: object | null): CompiledScript {
  const held = connection ? (preparedOn.get(connection) ?? preparedOn.set(connection, new Set()).get(connection)!) : null;
  const compiled: CompiledScript = { prepares: [], texts: [], names: [] };
  for (const statement of statements) {
    const { sql: text, params } = dialect.sqlToQuery(statement);
    const name = held && `vo_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    if (!held || !name || (!held.has(name) && held.size + compiled.names.length >= MAX_PREPARED)) {
      compiled.texts.push(text.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1])));
      continue;
    }
    if (!held.has(name) && !compiled.names.includes(name)) {
      compiled.prepares.push(`prepare ${name} as ${text}`);
      compiled.names.push(name);
    }
    compiled.texts.push(params.length === 0 ? `execute ${name}` : `execute ${name}(${params.map(literal).join(", ")})`);
  }
  return compiled;
}

/** After a script failed part-way, what the connection really holds (one extra round trip, on errors only). */
async function resync(connection: object, client: SimpleQueryClient): Promise<void> {
  const held = preparedOn.get(connection);
  if (!held) return;
  held.clear();
  const [rows] = await execScript(client, ["select name from pg_prepared_statements"]).catch(() => [[] as Row[]]);
  for (const row of rows ?? []) held.add(String(row.name));
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
  // PGlite (and its transactions) run scripts with exec(); node-postgres and Neon's Pool with query().
  return execScript(clientOf(db), statements.map(renderStatement));
}

/** A transaction whose statements go out as scripts: begin rides on the first, commit on the last. */
export interface ScriptTransaction {
  /**
   * Runs statements as one script in the transaction and returns each one's rows. With `last`, the
   * commit goes in the same round trip; nothing may run after it.
   */
  run(statements: SQL[], options?: { last?: boolean }): Promise<Row[][]>;
}

type Releasable = SimpleQueryClient & { release: (error?: Error) => void };
interface PoolLike {
  connect: () => Promise<Releasable>;
  totalCount: number;
}
interface PGliteLike {
  transaction: <T>(fn: (tx: SimpleQueryClient) => Promise<T>) => Promise<T>;
}

/**
 * Runs `fn` in one transaction whose begin and commit travel with its first and last scripts, so
 * a read script and a write script make two round trips in all. On a server pool it checks out a
 * connection of its own; on PGlite it is PGlite's own transaction; inside a transaction already (a
 * test's) it is a savepoint. An error rolls back.
 */
export async function scriptTransaction<T>(db: Db, fn: (tx: ScriptTransaction) => Promise<T>): Promise<T> {
  const client = clientOf(db) as SimpleQueryClient & Partial<PoolLike> & Partial<PGliteLike>;
  if (client.connect && typeof client.totalCount === "number") return onPoolConnection(client as PoolLike, fn);
  if (client.transaction) return inPGliteTransaction(client as SimpleQueryClient & PGliteLike, fn);
  return db.transaction((tx) => fn({ run: (statements) => runScript(tx as unknown as Db, statements) }));
}

async function inPGliteTransaction<T>(database: SimpleQueryClient & PGliteLike, fn: (tx: ScriptTransaction) => Promise<T>): Promise<T> {
  const connection = keepsPrepared.has(database) ? database : null;
  try {
    return await database.transaction((tx) =>
      fn({
        run: async (statements) => {
          const script = compile(statements, connection);
          const rows = await execScript(tx, [...script.prepares, ...script.texts]);
          for (const name of script.names) preparedOn.get(database)?.add(name);
          return rows.slice(script.prepares.length);
        },
      }),
    );
  } catch (error) {
    if (connection) await resync(database, database);
    throw error;
  }
}

async function onPoolConnection<T>(pool: PoolLike, fn: (tx: ScriptTransaction) => Promise<T>): Promise<T> {
  const connection = await pool.connect();
  const key = keepsPrepared.has(pool) ? connection : null;
  // Mutated inside run(), which the compiler does not follow: a field, not a narrowed local.
  const at: { state: "idle" | "open" | "done" } = { state: "idle" };
  try {
    const result = await fn({
      run: async (statements, options = {}) => {
        if (at.state === "done") throw new Error("the transaction has committed");
        const script = compile(statements, key);
        const begin = at.state === "idle";
        const texts = [...script.prepares, ...(begin ? ["begin"] : []), ...script.texts, ...(options.last ? ["commit"] : [])];
        at.state = "open";
        const rows = await execScript(connection, texts);
        for (const name of script.names) preparedOn.get(connection)?.add(name);
        if (options.last) at.state = "done";
        return rows.slice(script.prepares.length + (begin ? 1 : 0), options.last ? -1 : undefined);
      },
    });
    if (at.state === "open") await connection.query!("commit");
    at.state = "done";
    return result;
  } catch (error) {
    if (at.state === "open") {
      // If even the rollback fails, the connection is dropped below; the first error is the one to report.
      await connection.query!("rollback").then(
        () => (at.state = "done"),
        () => undefined,
      );
    }
    if (key && at.state === "done") await resync(connection, connection);
    throw error;
  } finally {
    // A connection left mid-transaction (the rollback failed) is not given back to the pool.
    connection.release(at.state === "open" ? new Error("transaction left open") : undefined);
  }
}

async function execScript(client: SimpleQueryClient, texts: string[]): Promise<Row[][]> {
  if (texts.length === 0) return [];
  const text = texts.join(";\n");
  if (client.exec) return (await client.exec(text)).map((r) => r.rows);
  const result = await client.query!(text);
  return (Array.isArray(result) ? result : [result]).map((r) => r.rows ?? []);
}
