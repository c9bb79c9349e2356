import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import architecture from "./scripts/lint/architecture.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "node_modules/**", "next-env.d.ts", "db/migrations/**", "test-results/**", "playwright-report/**"]),
  {
    plugins: { drizzle },
    rules: {
      // An update or delete without a where clause touches every row of a table: never intended.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "ctx.db"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "ctx.db"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // The map of the code (docs/architecture.md): import directions, table owners, one context builder.
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { architecture },
    rules: {
      "architecture/imports": "error",
      "architecture/table-owner": "error",
      "architecture/server-only": "error",
      "architecture/context": "error",
      "architecture/service-shape": "error",
    },
  },
]);
