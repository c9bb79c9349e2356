import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { appPages } from "../app-pages";
import { SWEEP_COVERAGE_DIR } from "../page-sweep";

// Runs after the ui project (playwright.config.ts): the sweeps of e2e/ui/every-page.spec.ts, made by
// different people in parallel, must together have reached every page of app/.
test("the page sweeps reached every page of the app", () => {
  expect(existsSync(SWEEP_COVERAGE_DIR), "the sweeps of e2e/ui/every-page.spec.ts wrote what they reached").toBe(true);
  const files = readdirSync(SWEEP_COVERAGE_DIR).filter((f) => f.endsWith(".json"));
  expect(files.sort()).toEqual(["consumer-and-visitor.json", "owner.json", "technician.json"]);
  const covered = new Set(files.flatMap((f) => JSON.parse(readFileSync(path.join(SWEEP_COVERAGE_DIR, f), "utf8")) as string[]));
  const missing = appPages()
    .filter((p) => !covered.has(p.template))
    .map((p) => `${p.template} (${p.file})`);
  expect(missing, "pages no sweep reached: link to them or add a start address in e2e/ui/every-page.spec.ts").toEqual([]);
});
