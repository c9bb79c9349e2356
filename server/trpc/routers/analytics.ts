import "server-only";
import { getMonthlyStatistics, getOverview, getRankings, listStatisticsMonths, monthInput, periodInput } from "~/server/analytics";
import { machinesToVisitToday, needsAttention } from "~/server/replenishment";
import { createTRPCRouter, orgProcedure } from "../init";

export const analyticsRouter = createTRPCRouter({
  overview: orgProcedure("viewer").query(({ ctx }) => getOverview(ctx.svc)),
  /** Today's part of the replenishment plan, shown on the overview. */
  machinesToVisit: orgProcedure("viewer").query(({ ctx }) => machinesToVisitToday(ctx.svc, { locale: ctx.locale })),
  /** The home page's exception list by machine and the plan's money at risk and saved today. */
  needsAttention: orgProcedure("viewer").query(({ ctx }) => needsAttention(ctx.svc, { locale: ctx.locale })),
  rankings: orgProcedure("viewer").input(periodInput).query(({ ctx, input }) => getRankings(ctx.svc, { ...input, locale: ctx.locale })),
  statisticsMonths: orgProcedure("viewer").query(({ ctx }) => listStatisticsMonths(ctx.svc)),
  statistics: orgProcedure("viewer").input(monthInput).query(({ ctx, input }) => getMonthlyStatistics(ctx.svc, input)),
});
