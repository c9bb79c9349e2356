import { z } from "zod";
import { createTRPCRouter, orgProcedure, protectedProcedure } from "../init";
import { getLoyaltyProgram, loyaltyProgramInput, updateLoyaltyProgram } from "~/server/consumers";
import { claimOrder, claimOrderInput, getReceipt, listMemberships, listPurchases, listPurchasesInput } from "~/server/consumers";
import { countPendingRequests, decideRefundRequest, decideRequestInput, listMyRequests, listRefundRequests, listRefundRequestsInput, reportProblem, reportProblemInput } from "~/server/consumers";

/** The signed-in consumer's own purchases, memberships and requests, across operators. */
export const consumerRouter = createTRPCRouter({
  purchases: protectedProcedure.input(listPurchasesInput).query(({ ctx, input }) => listPurchases(ctx.db, ctx.user.id, input)),
  receipt: protectedProcedure.input(z.object({ purchaseId: z.string().min(1).max(64) })).query(({ ctx, input }) => getReceipt(ctx.db, ctx.user.id, input.purchaseId)),
  memberships: protectedProcedure.query(({ ctx }) => listMemberships(ctx.db, ctx.user.id)),
  claimOrder: protectedProcedure.input(claimOrderInput).mutation(({ ctx, input }) => claimOrder(ctx.db, ctx.user.id, input)),
  reportProblem: protectedProcedure.input(reportProblemInput).mutation(({ ctx, input }) => reportProblem(ctx.db, ctx.user.id, input)),
  requests: protectedProcedure.query(({ ctx }) => listMyRequests(ctx.db, ctx.user.id)),
});

export const refundRequestsRouter = createTRPCRouter({
  list: orgProcedure("manager").input(listRefundRequestsInput).query(({ ctx, input }) => listRefundRequests(ctx.svc, input)),
  pendingCount: orgProcedure("manager").query(({ ctx }) => countPendingRequests(ctx.svc)),
  decide: orgProcedure("manager").input(decideRequestInput).mutation(({ ctx, input }) => decideRefundRequest(ctx.svc, input)),
});

export const loyaltyRouter = createTRPCRouter({
  get: orgProcedure("viewer").query(({ ctx }) => getLoyaltyProgram(ctx.svc)),
  update: orgProcedure("admin").input(loyaltyProgramInput).mutation(({ ctx, input }) => updateLoyaltyProgram(ctx.svc, input)),
});
