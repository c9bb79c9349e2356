// Counts the statements a database handle sends to Postgres. Every `query` call of a node-postgres
// client is one round trip (the extended protocol sends parse, bind, execute and sync together), so
// wrapping the pool's clients counts round trips exactly, BEGIN and COMMIT included.
import type pg from "pg";
import type { DbHandle } from "../../db/client";

export interface StatementLog {
  /** Statements sent since the last reset. */
  readonly count: number;
  /** Their SQL text, in order. */
  readonly texts: readonly string[];
  reset(): void;
}

type Query = (...args: unknown[]) => unknown;

function textOf(arg: unknown): string {
  if (typeof arg === "string") return arg;
  const text = (arg as { text?: unknown } | null)?.text;
  return typeof text === "string" ? text : "(unknown)";
}

/**
 * Starts counting the statements of a node-postgres handle (createDb with the pg driver). Call it
 * before the handle's first query: clients the pool opened earlier are not counted.
 */
export function countStatements(handle: DbHandle): StatementLog {
  if (handle.driver !== "pg") throw new Error(`statements are counted on the pg driver, not ${handle.driver}`);
  const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  const texts: string[] = [];
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as Query;
    (client as unknown as { query: Query }).query = (...args: unknown[]) => {
      texts.push(textOf(args[0]));
      return query(...args);
    };
  });
  return {
    get count() {
      return texts.length;
    },
    get texts() {
      return texts;
    },
    reset: () => void texts.splice(0),
  };
}
