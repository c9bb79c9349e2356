import "server-only";
import {
  claimOrder,
  claimOrderInput,
  countPendingRequests,
  decideRefundRequest,
  decideRequestInput,
  getLoyaltyProgram,
  getReceipt,
  listMemberships,
  listMyRequests,
  listPurchases,
  listPurchasesInput,
  listRefundRequests,
  listRefundRequestsInput,
  loyaltyProgramInput,
  receiptInput,
  reportProblem,
  reportProblemInput,
  updateLoyaltyProgram,
} from "~/server/consumers";
import { consumerSelfContext } from "~/server/context";
import { createTRPCRouter, orgProcedure, protectedProcedure } from "../init";

/** The signed-in consumer's own purchases, memberships and requests, across operators. */
export const consumerRouter = createTRPCRouter({
  purchases: protectedProcedure.input(listPurchasesInput).query(({ ctx, input }) => listPurchases(consumerSelfContext(ctx.db, ctx.user.id), input)),
  receipt: protectedProcedure.input(receiptInput).query(({ ctx, input }) => getReceipt(consumerSelfContext(ctx.db, ctx.user.id), input)),
  memberships: protectedProcedure.query(({ ctx }) => listMemberships(consumerSelfContext(ctx.db, ctx.user.id))),
  claimOrder: protectedProcedure.input(claimOrderInput).mutation(({ ctx, input }) => claimOrder(consumerSelfContext(ctx.db, ctx.user.id), input)),
  reportProblem: protectedProcedure.input(reportProblemInput).mutation(({ ctx, input }) => reportProblem(consumerSelfContext(ctx.db, ctx.user.id), input)),
  requests: protectedProcedure.query(({ ctx }) => listMyRequests(consumerSelfContext(ctx.db, ctx.user.id))),
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
