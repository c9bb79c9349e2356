import { createTRPCRouter, orgProcedure } from "../trpc/init";
import { listSales, listSalesInput, salesFilterInput, salesTotals } from "./sales";

export const salesRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listSalesInput).query(({ ctx, input }) => listSales(ctx.svc, input)),
  totals: orgProcedure("viewer").input(salesFilterInput).query(({ ctx, input }) => salesTotals(ctx.svc, input)),
});
