import "server-only";
import { searchInput, searchOrg } from "~/server/search";
import { createTRPCRouter, orgProcedure } from "../init";

export const searchRouter = createTRPCRouter({
  query: orgProcedure("viewer").input(searchInput).query(({ ctx, input }) => searchOrg(ctx.svc, { ...input, locale: ctx.locale })),
});
