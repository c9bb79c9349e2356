// `npm run db:seed`: migrates and seeds the demo operator into the configured database, even one
// with DATABASE_URL set; `npm run db:seed -- --china` (or DEMO_CHINA=true) seeds the Shanghai demo
// operator too. The seed goes through the product's own services (server/demo).
import "../db/load-env";

const { migrate } = await import("../db/migrate");
const { openDatabase } = await import("../db/open");
const { localSecrets } = await import("../server/config/secrets");
const { chinaDemoRequested, seedDemoOperator } = await import("./prepare-database");
const { shanghaiDemo } = await import("../server/demo/shanghai-demo");

const china = chinaDemoRequested();
const handle = await openDatabase();
try {
  await migrate(handle);
  const password = localSecrets().DEMO_PASSWORD;
  const result = await seedDemoOperator(handle.db, password);
  console.log(`${result.created ? "Seeded" : "Already seeded:"} Demo Vending. Sign in as ${result.email} with password ${password}`);
  if (china) {
    const shanghai = await seedDemoOperator(handle.db, password, shanghaiDemo);
    console.log(`${shanghai.created ? "Seeded" : "Already seeded:"} ${shanghaiDemo.org.name}. Sign in as ${shanghai.email} with password ${password}`);
  }
} catch (error) {
  console.error("Seeding failed:", error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
