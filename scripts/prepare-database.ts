import { env } from "../env";
import { migrate } from "../db/migrate";
import { isEmbedded, openDatabase } from "../db/open";
import { getSecrets, localSecrets } from "../server/config/secrets";
import { seedDemo } from "../server/demo/seed";

export interface DemoSignIn {
  email: string;
  password: string;
}

/**
 * Applies pending migrations and, on the embedded database (or with DEMO_SEED=true), seeds the demo
 * operator. Throws with a message naming what is wrong (a missing secret, an unreachable database).
 * Closes the database before returning: PGlite allows one process per data directory, and the
 * server is that process.
 */
export async function prepareDatabase(): Promise<DemoSignIn | null> {
  getSecrets();
  const handle = await openDatabase();
  try {
    const applied = await migrate(handle);
    if (applied > 0) console.log(`Database: ${applied} migration(s) applied (${handle.driver}).`);
    if (!(env.DEMO_SEED ? env.DEMO_SEED === "true" : isEmbedded())) return null;
    const password = localSecrets().DEMO_PASSWORD;
    const started = performance.now();
    const result = await seedDemo(handle.db, password, { dataDir: env.DATA_DIR, log: (line) => console.log(line) });
    if (result.created || result.fleet?.changed) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`Database: seeded the demo operator Demo Vending (${result.fleet?.machines ?? 0} machines, ${result.fleet?.events.toLocaleString("en") ?? 0} history events) in ${seconds} s.`);
    }
    return { email: result.email, password };
  } finally {
    await handle.close();
  }
}
