import type { TestProject } from "vitest/node";
import { createTemplateDatabase, dropDatabase } from "./db";

/** For the Postgres project: one migrated template database per run, copied by each test file. */
export default async function setup(project: TestProject) {
  if (project.name !== "postgres") return;
  const template = await createTemplateDatabase();
  project.provide("templateDatabase", template);
  return async () => {
    await dropDatabase(template);
  };
}
