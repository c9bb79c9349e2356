import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jobs } from "./registry";
import { isValidSchedule } from "./schedule";

describe("job registry", () => {
  it("is what vercel.json schedules, job for job", () => {
    const vercel = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../vercel.json"), "utf8")) as {
      crons: { path: string; schedule: string }[];
    };
    const fromVercel = vercel.crons.map((c) => ({ path: c.path, schedule: c.schedule })).sort((a, b) => a.path.localeCompare(b.path));
    const fromRegistry = jobs.map((j) => ({ path: `/api/cron/${j.name}`, schedule: j.schedule })).sort((a, b) => a.path.localeCompare(b.path));
    expect(fromVercel).toEqual(fromRegistry);
  });

  it("has unique names and valid five-field schedules", () => {
    expect(new Set(jobs.map((j) => j.name)).size).toBe(jobs.length);
    for (const job of jobs) expect(isValidSchedule(job.schedule), job.name).toBe(true);
    expect(isValidSchedule("every minute")).toBe(false);
  });
});
