import { createTRPCRouter, orgProcedure } from "../init";
import { getMonthlyStatistics, listStatisticsMonths, monthInput } from "~/server/analytics";
import { getOverview, machinesToVisitToday } from "~/server/analytics";
import { getRankings, rankingsInput } from "~/server/analytics";

export const analyticsRouter = createTRPCRouter({
  overview: orgProcedure("viewer").query(({ ctx }) => getOverview(ctx.svc)),
  machinesToVisit: orgProcedure("viewer").query(({ ctx }) => machinesToVisitToday(ctx.svc)),
  rankings: orgProcedure("viewer").input(rankingsInput).query(({ ctx, input }) => getRankings(ctx.svc, input)),
  statisticsMonths: orgProcedure("viewer").query(({ ctx }) => listStatisticsMonths(ctx.svc)),
  statistics: orgProcedure("viewer").input(monthInput).query(({ ctx, input }) => getMonthlyStatistics(ctx.svc, input)),
});
