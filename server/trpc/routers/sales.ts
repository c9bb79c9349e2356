import "server-only";
import { createTRPCRouter, orgProcedure } from "../init";
import { listSales, listSalesInput, salesByDay, salesComparison, salesComparisonInput, salesFilterInput, salesTotals } from "~/server/sales";

export const salesRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listSalesInput).query(({ ctx, input }) => listSales(ctx.svc, input)),
  totals: orgProcedure("viewer").input(salesFilterInput).query(({ ctx, input }) => salesTotals(ctx.svc, input)),
  byDay: orgProcedure("viewer").input(salesFilterInput).query(({ ctx, input }) => salesByDay(ctx.svc, input)),
  compare: orgProcedure("viewer").input(salesComparisonInput).query(({ ctx, input }) => salesComparison(ctx.svc, input)),
});
