import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { aroundEach, inject } from "vitest";
import { createDb, type Db, type DbHandle } from "~/db/client";
import { migrate, migrationsFolder } from "~/db/migrate";
import { keepPreparedStatements } from "~/db/script";
import * as schema from "~/db/schema";

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

/** What a migrated PGlite image depends on: the migrations and the versions of PGlite and Drizzle. */
async function pgliteTemplateKey(): Promise<string> {
  const hash = createHash("sha256");
  const root = path.resolve(import.meta.dirname, "..");
  for (const pkg of ["@electric-sql/pglite", "drizzle-orm"]) hash.update(await readFile(path.join(root, "node_modules", pkg, "package.json")));
  const files = (await readdir(migrationsFolder, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
  for (const f of files.map((f) => path.join(f.parentPath, f.name)).sort()) hash.update(path.relative(migrationsFolder, f)).update(await readFile(f));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The data directory of a migrated in-memory PGlite, as a file that each test file loads (PGlite
 * project): loading an image is much cheaper than creating and migrating a cluster. Kept between
 * runs under a key of what it depends on, so it is made again only when the migrations change.
 */
export async function pgliteTemplate(): Promise<string> {
  const file = path.join(os.tmpdir(), `vendops-pglite-${await pgliteTemplateKey()}.tar`);
  if (existsSync(file)) return file;
  const handle = await createDb({ dataDir: "memory://" });
  try {
    await migrate(handle);
    const image = await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir("none");
    const partial = `${file}.${randomBytes(4).toString("hex")}`;
    await writeFile(partial, Buffer.from(await image.arrayBuffer()));
    await rename(partial, file);
    return file;
  } finally {
    await handle.close();
  }
}

async function openPgliteCopy(): Promise<DbHandle> {
  const template = inject("pgliteTemplate");
  if (!template) {
    const handle = await createDb({ dataDir: "memory://" });
    await migrate(handle);
    return handle;
  }
  const [{ PGlite }, { drizzle }, image] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite"), readFile(template)]);
  const client = new PGlite({ loadDataDir: new Blob([image]) });
  await client.waitReady;
  keepPreparedStatements(client);
  return { db: drizzle({ client, schema }) as unknown as Db, driver: "pglite", close: () => client.close() };
}

export interface TestDatabase extends DbHandle {
  /** Connection string of this database (Postgres only), for tests that need raw clients. */
  url?: string;
  drop: () => Promise<void>;
  /**
   * Runs `fn` in one transaction that is rolled back afterwards, whatever happens: rows it writes
   * are never seen by anything else. Transactions begun on the `db` it receives (`withTenant`, a
   * service's own) become savepoints, taken one at a time, that leave the role and the tenant
   * settings as they found them. For tests that need no commit: not for a second connection, a
   * worker, an HTTP server on the same database or concurrent requests.
   */
  rollback: <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
}

/**
 * A fresh, migrated database of its own for one test file: an in-memory PGlite, or a copy of the
 * migrated template on the Postgres at TEST_DATABASE_URL. Drop it in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDriver === "pglite") {
    const handle = await openPgliteCopy();
    return { ...handle, drop: handle.close, rollback: (fn) => inRollback(handle.db, fn) };
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
    rollback: (fn) => inRollback(handle.db, fn),
  };
}

const rolledBack = new Error("rolled back");

async function inRollback<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  let result: T;
  try {
    await db.transaction(async (tx) => {
      result = await fn(savepoints(tx as unknown as Db));
      throw rolledBack;
    });
  } catch (error) {
    if (error !== rolledBack) throw error;
  }
  return result!;
}

/**
 * `tx` whose `transaction()` opens a savepoint. One at a time, as a connection runs transactions;
 * on success it restores the role and the tenant settings that `withTenant` and `withConsumer` set
 * locally, which a released savepoint would otherwise pass on to the enclosing transaction.
 */
function savepoints(tx: Db): Db {
  let queue: Promise<unknown> = Promise.resolve();
  const transaction = <T>(fn: (inner: Db) => Promise<T>): Promise<T> => {
    const run = queue.then(() =>
      tx.transaction(async (sp) => {
        const inner = sp as unknown as Db;
        const [saved] = (
          (await inner.execute(
            sql`select current_setting('role') as role, coalesce(current_setting('app.org_id', true), '') as org, coalesce(current_setting('app.user_id', true), '') as "user", coalesce(current_setting('app.consumer_id', true), '') as consumer`,
          )) as unknown as { rows: { role: string; org: string; user: string; consumer: string }[] }
        ).rows;
        const result = await fn(savepoints(inner));
        await inner.execute(
          sql`select set_config('app.org_id', ${saved!.org}, true), set_config('app.user_id', ${saved!.user}, true), set_config('app.consumer_id', ${saved!.consumer}, true), set_config('role', ${saved!.role}, true)`,
        );
        return result;
      }),
    );
    queue = run.catch(() => undefined);
    return run;
  };
  return new Proxy(tx, { get: (target, key, receiver) => (key === "transaction" ? transaction : Reflect.get(target, key, receiver)) });
}

/**
 * Runs each test of the enclosing file or `describe` inside `t.rollback`, with `t.db` the
 * transaction meanwhile: rows the file creates in `beforeAll` stay, what a test writes is gone
 * before the next one. Tests must reach the database through `t.db` as the test runs.
 */
export function rollbackEachTest(database: () => TestDatabase): void {
  aroundEach(async (runTest) => {
    const t = database();
    const root = t.db;
    await t.rollback(async (db) => {
      t.db = db;
      try {
        await runTest();
      } finally {
        t.db = root;
      }
    });
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    /** The migrated PGlite image's file (PGlite project). */
    pgliteTemplate: string;
  }
}
