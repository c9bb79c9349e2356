import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type DbHandle } from "~/db/client";
import { migrate } from "~/db/migrate";

/** Which database this Vitest project runs against: "pglite" (embedded) or "postgres" (TEST_DATABASE_URL). */
export const testDriver = (process.env.VENDOPS_TEST_DB ?? "pglite") as "pglite" | "postgres";

function serverUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates and migrates the template database that each test file copies (Postgres only). */
export async function createTemplateDatabase(): Promise<string> {
  const name = `vendops_tpl_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`create database ${name}`));
  const handle = await createDb({ url: serverUrl(name), driver: "pg", maxConnections: 2 });
  await migrate(handle);
  await handle.close();
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

export interface TestDatabase extends DbHandle {
  /** Connection string of this database (Postgres only), for tests that need raw clients. */
  url?: string;
  drop: () => Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file: an in-memory PGlite, or a copy of the
 * migrated template on the Postgres at TEST_DATABASE_URL. Drop it in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDriver === "pglite") {
    const handle = await createDb({ dataDir: "memory://" });
    await migrate(handle);
    return { ...handle, drop: handle.close };
  }
  const template = inject("templateDatabase");
  const name = `vendops_t_${randomBytes(5).toString("hex")}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`create database ${name} template ${template}`));
      break;
    } catch (error) {
      // Two files copying the template at the same moment can collide; try again shortly.
      if (attempt >= 10 || !String(error).includes("being accessed by other users")) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = serverUrl(name);
  const handle = await createDb({ url, driver: "pg", maxConnections: 20 });
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      await dropDatabase(name);
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
