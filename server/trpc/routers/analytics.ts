import "server-only";
import { getMonthlyStatistics, getOverview, getRankings, listStatisticsMonths, monthInput, periodInput } from "~/server/analytics";
import { machinesToVisitToday } from "~/server/replenishment";
import { createTRPCRouter, orgProcedure } from "../init";

export const analyticsRouter = createTRPCRouter({
  overview: orgProcedure("viewer").query(({ ctx }) => getOverview(ctx.svc)),
  /** Today's part of the replenishment plan, shown on the overview. */
  machinesToVisit: orgProcedure("viewer").query(({ ctx }) => machinesToVisitToday(ctx.svc)),
  rankings: orgProcedure("viewer").input(periodInput).query(({ ctx, input }) => getRankings(ctx.svc, input)),
  statisticsMonths: orgProcedure("viewer").query(({ ctx }) => listStatisticsMonths(ctx.svc)),
  statistics: orgProcedure("viewer").input(monthInput).query(({ ctx, input }) => getMonthlyStatistics(ctx.svc, input)),
});
