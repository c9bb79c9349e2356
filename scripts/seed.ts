// `npm run db:seed`: migrates and seeds the demo operator into the configured database, even one
// with DATABASE_URL set. The seed goes through the product's own services (server/demo).
import "../db/load-env";

const { migrate } = await import("../db/migrate");
const { openDatabase } = await import("../db/open");
const { localSecrets } = await import("../server/config/secrets");
const { seedDemo } = await import("../server/demo/seed");
const { env } = await import("../env");

const handle = await openDatabase();
try {
  await migrate(handle);
  const password = localSecrets().DEMO_PASSWORD;
  const result = await seedDemo(handle.db, password, { dataDir: env.DATA_DIR, log: (line) => console.log(line) });
  console.log(`${result.created ? "Seeded" : "Already seeded:"} Demo Vending. Sign in as ${result.email} with password ${password}`);
} catch (error) {
  console.error("Seeding failed:", error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
