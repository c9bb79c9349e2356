import "server-only";
import {
  cashFilterInput,
  cashSummaries,
  cashTrend,
  cashTrendInput,
  expectedCash,
  expectedCashInput,
  fleetExpectedCash,
  listCollections,
  listCollectionsInput,
  recordCashCount,
  recordCashCountInput,
  recordPayout,
  recordPayoutInput,
} from "~/server/cash";
import { createTRPCRouter, orgProcedure } from "../init";

export const cashRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listCollectionsInput).query(({ ctx, input }) => listCollections(ctx.svc, input)),
  /** Over/short per technician, route and month, and in total. */
  summaries: orgProcedure("viewer").input(cashFilterInput).query(({ ctx, input }) => cashSummaries(ctx.svc, input)),
  trend: orgProcedure("viewer").input(cashTrendInput).query(({ ctx, input }) => cashTrend(ctx.svc, input)),
  /** Cash that should be in every machine now. */
  expected: orgProcedure("viewer").query(({ ctx }) => fleetExpectedCash(ctx.svc)),
  machineExpected: orgProcedure("viewer").input(expectedCashInput).query(({ ctx, input }) => expectedCash(ctx.svc, input)),
  /** A count recorded by hand from the desk (the visit form records technicians' counts itself). */
  recordCount: orgProcedure("manager").input(recordCashCountInput).mutation(({ ctx, input }) => recordCashCount(ctx.svc, input)),
  /** A failed cash vend's money paid back by hand. */
  recordPayout: orgProcedure("technician").input(recordPayoutInput).mutation(({ ctx, input }) => recordPayout(ctx.svc, input)),
});
