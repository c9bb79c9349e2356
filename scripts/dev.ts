// `npm run dev`: prepares the database as `npm start` does (`npm run dev -- --china` seeds the
// Shanghai demo operator too), then hands over to `next dev`, which opens the database itself.
import "../db/load-env";
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const { env } = await import("../env");
const { chinaDemoRequested, prepareDatabase } = await import("./prepare-database");

const demo = await prepareDatabase({ china: chinaDemoRequested() });
if (demo) console.log(`Demo: sign in as ${demo.email} with password ${demo.password}`);
if (demo?.chinaEmail) console.log(`Shanghai demo: sign in as ${demo.chinaEmail} with the same password`);
const child = spawn(path.join(root, "node_modules", ".bin", "next"), ["dev", "-p", String(env.PORT)], { cwd: root, stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
