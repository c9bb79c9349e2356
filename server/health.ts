import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client";

export interface Health {
  status: "ok" | "unavailable";
  database: "ok" | "unreachable";
  latencyMs: number;
}

/** Checks that the database answers a query within `timeoutMs`. */
export async function checkHealth(getDb: () => Promise<Db>, timeoutMs = 3000): Promise<Health> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
    });
    await Promise.race([getDb().then((db) => db.execute(sql`select 1`)), timeout]);
    return { status: "ok", database: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { status: "unavailable", database: "unreachable", latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}
