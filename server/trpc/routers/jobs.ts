import { z } from "zod";
import { createTRPCRouter, orgProcedure } from "../init";
import { listJobsForOrg, runJobNowForOrg } from "~/server/jobs";

export const jobsRouter = createTRPCRouter({
  list: orgProcedure("admin").query(({ ctx }) => listJobsForOrg(ctx.svc)),
  runNow: orgProcedure("admin").input(z.object({ job: z.string().min(1).max(64) })).mutation(({ ctx, input }) => runJobNowForOrg(ctx.svc, input.job)),
});
