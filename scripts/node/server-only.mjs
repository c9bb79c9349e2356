// Scripts, benchmarks and the seed run server modules in plain Node, which is a server: the
// "server-only" marker (which fails a client bundle) resolves to its empty module here, as it does
// in Next.js's server bundles. Loaded with `tsx --import ./scripts/node/server-only.mjs`.
import { register } from "node:module";

register("./server-only-resolve.mjs", import.meta.url);
