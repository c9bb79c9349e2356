// Command-line entry points import this first so `.env` files apply as they do under `next`.
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), undefined, { info: () => {}, error: console.error });
