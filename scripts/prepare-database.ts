import { parseArgs } from "node:util";
import { env } from "../env";
import { migrate } from "../db/migrate";
import { isEmbedded, openDatabase } from "../db/open";
import type { Db } from "../db/client";
import { getSecrets, localSecrets } from "../server/config/secrets";
import { seedDemo, type DemoSeedResult } from "../server/demo/seed";
import { shanghaiDemo } from "../server/demo/shanghai-demo";
import type { DemoOperator } from "../server/demo/operator";

export interface DemoSignIn {
  email: string;
  password: string;
  /** The Shanghai operator's owner, when it was seeded too. */
  chinaEmail?: string;
}

/**
 * Whether the Shanghai demo operator is wanted as well: `--china` on the command line
 * (`npm start -- --china`, `npm run db:seed -- --china`) or DEMO_CHINA=true. Unknown options throw.
 */
export function chinaDemoRequested(args = process.argv.slice(2)): boolean {
  const { values } = parseArgs({ args, options: { china: { type: "boolean" } }, strict: true, allowPositionals: false });
  return values.china === true || env.DEMO_CHINA === "true";
}

/** Seeds one demo operator, printing its progress and, when it changed anything, what it took. */
export async function seedDemoOperator(db: Db, password: string, operator?: DemoOperator): Promise<DemoSeedResult> {
  const started = performance.now();
  const result = await seedDemo(db, password, { operator, dataDir: env.DATA_DIR, log: (line) => console.log(line) });
  if (result.created || result.fleet?.changed) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const name = operator?.org.name ?? "Demo Vending";
    console.log(`Database: seeded the demo operator ${name} (${result.fleet?.machines ?? 0} machines, ${result.fleet?.events.toLocaleString("en") ?? 0} history events) in ${seconds} s.`);
  }
  return result;
}

/**
 * Applies pending migrations and, on the embedded database (or with DEMO_SEED=true), seeds the demo
 * operator, and the Shanghai one when `china`. Throws with a message naming what is wrong (a
 * missing secret, an unreachable database). Closes the database before returning: PGlite allows
 * one process per data directory, and the server is that process.
 */
export async function prepareDatabase(options: { china?: boolean } = {}): Promise<DemoSignIn | null> {
  getSecrets();
  const handle = await openDatabase();
  try {
    const applied = await migrate(handle);
    if (applied > 0) console.log(`Database: ${applied} migration(s) applied (${handle.driver}).`);
    if (!(env.DEMO_SEED ? env.DEMO_SEED === "true" : isEmbedded())) return null;
    const password = localSecrets().DEMO_PASSWORD;
    const result = await seedDemoOperator(handle.db, password);
    const china = options.china ? await seedDemoOperator(handle.db, password, shanghaiDemo) : null;
    return { email: result.email, password, chinaEmail: china?.email };
  } finally {
    await handle.close();
  }
}
