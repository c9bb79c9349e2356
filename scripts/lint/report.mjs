// Prints the counts that say whether the code matches its map (docs/architecture.md):
// `npm run architecture`. Every count is 0 when the map is true; `npm run lint` fails otherwise.
import { ESLint } from "eslint";
import path from "node:path";
import { domainCycles, domainGraph } from "./domain-graph.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });
const results = await eslint.lintFiles(["server", "app", "db", "test", "e2e", "bench", "scripts", "sim", "proxy.ts", "instrumentation.ts"]);
const messages = results.flatMap((r) => r.messages.map((m) => ({ ...m, file: path.relative(root, r.filePath) })));
const of = (rule, test = () => true) => messages.filter((m) => m.ruleId === `architecture/${rule}` && test(m));
const browser = (m) => /runs in the browser|cannot run in the browser/.test(m.message);

const graph = domainGraph();
const cycles = domainCycles(graph);
const counts = [
  ["writes into another domain's tables", of("table-owner")],
  ["domain cycles", cycles],
  ["hand-built contexts outside server/context.ts", of("context")],
  ["client imports of non-contract server files", of("imports", browser)],
  ["imports past a domain's front door", of("imports", (m) => !browser(m))],
  ["server modules without server-only", of("server-only")],
  ["services not shaped (ctx, input)", of("service-shape")],
];
for (const [label, found] of counts) {
  console.log(`${String(found.length).padStart(4)}  ${label}`);
  for (const f of found.slice(0, 20)) console.log(`        ${typeof f === "string" ? f : `${f.file}:${f.line} ${f.message}`}`);
}
console.log("\nDomain imports (each domain -> the domains it builds on):");
for (const [domain, uses] of graph) console.log(`  ${domain.padEnd(14)} -> ${[...uses.keys()].sort().join(", ") || "(none)"}`);
process.exitCode = counts.some(([, found]) => found.length > 0) ? 1 : 0;
