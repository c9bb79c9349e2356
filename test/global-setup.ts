import type { TestProject } from "vitest/node";
import { createTemplateDatabase, dropDatabase, pgliteTemplate } from "./db";

/**
 * A migrated template that each test file copies: for the PGlite project an image of its data
 * directory (kept while the migrations stay the same), for the Postgres project one template
 * database per run.
 */
export default async function setup(project: TestProject) {
  if (project.name === "pglite") {
    project.provide("pgliteTemplate", await pgliteTemplate());
    return;
  }
  if (project.name !== "postgres") return;
  const template = await createTemplateDatabase();
  project.provide("templateDatabase", template);
  return async () => {
    await dropDatabase(template);
  };
}
