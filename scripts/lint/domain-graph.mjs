// The domains' import graph, read from the source: which domain's code imports which other
// domain's front door. The map allows no cycles: each domain builds only on lower ones.
import fs from "node:fs";
import path from "node:path";
import { DOMAINS } from "./architecture.mjs";

const root = path.resolve(import.meta.dirname, "../..");

function filesOf(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) filesOf(p, out);
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** domain -> Map(other domain -> files that import it), from static and dynamic imports. */
export function domainGraph() {
  const graph = new Map(DOMAINS.map((d) => [d, new Map()]));
  for (const domain of DOMAINS) {
    const dir = path.join(root, "server", domain);
    if (!fs.existsSync(dir)) continue;
    for (const file of filesOf(dir)) {
      const src = fs.readFileSync(file, "utf8");
      for (const m of src.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        const spec = m[1];
        let target;
        if (spec.startsWith("~/")) target = spec.slice(2);
        else if (spec.startsWith(".")) target = path.relative(root, path.resolve(path.dirname(file), spec));
        else continue;
        const other = target.match(/^server\/([^/]+)/)?.[1];
        if (!other || other === domain || !DOMAINS.includes(other)) continue;
        const users = graph.get(domain).get(other) ?? [];
        users.push(path.relative(root, file));
        graph.get(domain).set(other, users);
      }
    }
  }
  return graph;
}

/** Every elementary cycle's smallest form, found by a depth-first walk from each domain. */
export function domainCycles(graph = domainGraph()) {
  const cycles = new Set();
  const walk = (start, node, trail) => {
    for (const next of graph.get(node)?.keys() ?? []) {
      if (next === start) {
        const ring = [...trail];
        const first = ring.indexOf([...ring].sort()[0]);
        cycles.add([...ring.slice(first), ...ring.slice(0, first)].join(" -> "));
      } else if (!trail.includes(next) && DOMAINS.indexOf(next) > DOMAINS.indexOf(start)) walk(start, next, [...trail, next]);
    }
  };
  for (const d of DOMAINS) walk(d, d, [d]);
  return [...cycles].sort();
}
