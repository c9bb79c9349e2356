import "server-only";
import { listCardFees, placeProfit, placeProfitInput, removeCardFee, removeCardFeeInput, setCardFee, setCardFeeInput } from "~/server/profit";
import { createTRPCRouter, orgProcedure } from "../init";

export const profitRouter = createTRPCRouter({
  /** Profit per place over a period, with where each place stands and why. */
  places: orgProcedure("viewer").input(placeProfitInput).query(({ ctx, input }) => placeProfit(ctx.svc, { ...input, locale: ctx.locale })),
  /** The payment methods the org takes, with their fees. */
  cardFees: orgProcedure("viewer").query(({ ctx }) => listCardFees(ctx.svc)),
  setCardFee: orgProcedure("admin").input(setCardFeeInput).mutation(({ ctx, input }) => setCardFee(ctx.svc, input)),
  removeCardFee: orgProcedure("admin").input(removeCardFeeInput).mutation(({ ctx, input }) => removeCardFee(ctx.svc, input)),
});
