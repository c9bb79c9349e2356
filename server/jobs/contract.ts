// What the browser may know of scheduled jobs: the "run now" input and the domain's messages.
import { z } from "zod";
import { defineMessages } from "~/server/errors";

export const jobsMessages = defineMessages("jobs", {
  not_an_org_job: "No job of that name runs per organization.",
});

/** A job an admin runs now for their organization. */
export const runJobNowInput = z.object({ job: z.string().min(1).max(64) });
