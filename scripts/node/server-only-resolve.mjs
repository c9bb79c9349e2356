import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const marker = createRequire(import.meta.url).resolve("server-only");
const empty = pathToFileURL(path.join(path.dirname(marker), "empty.js")).href;

export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: empty, format: "commonjs", shortCircuit: true };
  return next(specifier, context);
}
