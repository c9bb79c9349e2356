import "server-only";
import { listJobsForOrg, runJobNowForOrg, runJobNowInput } from "~/server/jobs";
import { createTRPCRouter, orgProcedure } from "../init";

export const jobsRouter = createTRPCRouter({
  list: orgProcedure("admin").query(({ ctx }) => listJobsForOrg(ctx.svc, { locale: ctx.locale })),
  runNow: orgProcedure("admin").input(runJobNowInput).mutation(({ ctx, input }) => runJobNowForOrg(ctx.svc, input)),
});
