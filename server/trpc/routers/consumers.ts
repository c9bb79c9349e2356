import "server-only";
import {
  claimOrder,
  claimOrderInput,
  countPendingRequests,
  decideRefundRequest,
  decideRequestInput,
  emailReceipt,
  getLoyaltyProgram,
  getRefundRequestSettings,
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
  refundRequestSettingsInput,
  reportProblemInput,
  sendDecisionMails,
  updateLoyaltyProgram,
  updateRefundRequestSettings,
} from "~/server/consumers";
import { consumerSelfContext } from "~/server/context";
import { sendOwedRefunds } from "~/server/payments";
import { getDb } from "~/db/open";
import { afterResponse } from "../after-response";
import { createTRPCRouter, orgProcedure, protectedProcedure } from "../init";

/** The signed-in consumer's own purchases, memberships and requests, across operators. */
export const consumerRouter = createTRPCRouter({
  purchases: protectedProcedure.input(listPurchasesInput).query(({ ctx, input }) => listPurchases(consumerSelfContext(ctx.db, ctx.user.id), input)),
  receipt: protectedProcedure.input(receiptInput).query(({ ctx, input }) => getReceipt(consumerSelfContext(ctx.db, ctx.user.id), input)),
  emailReceipt: protectedProcedure.input(receiptInput).mutation(({ ctx, input }) => emailReceipt(consumerSelfContext(ctx.db, ctx.user.id), { ...input, locale: ctx.locale })),
  memberships: protectedProcedure.query(({ ctx }) => listMemberships(consumerSelfContext(ctx.db, ctx.user.id))),
  claimOrder: protectedProcedure.input(claimOrderInput).mutation(({ ctx, input }) => claimOrder(consumerSelfContext(ctx.db, ctx.user.id), input)),
  reportProblem: protectedProcedure.input(reportProblemInput).mutation(async ({ ctx, input }) => {
    const request = await reportProblem(consumerSelfContext(ctx.db, ctx.user.id), input);
    // Approved at once by the org's rule: send the refund now rather than at the next sweep, and tell the consumer by e-mail.
    if (request.status !== "pending") {
      afterResponse("refunds", () => sendOwedRefunds(ctx.db));
      afterResponse("mail", () => sendDecisionMails(ctx.db, { requestId: request.id }));
    }
    return request;
  }),
  requests: protectedProcedure.query(({ ctx }) => listMyRequests(consumerSelfContext(ctx.db, ctx.user.id))),
});

export const refundRequestsRouter = createTRPCRouter({
  list: orgProcedure("manager").input(listRefundRequestsInput).query(({ ctx, input }) => listRefundRequests(ctx.svc, input)),
  pendingCount: orgProcedure("manager").query(({ ctx }) => countPendingRequests(ctx.svc)),
  decide: orgProcedure("manager")
    .input(decideRequestInput)
    .mutation(async ({ ctx, input }) => {
      const decided = await decideRefundRequest(ctx.svc, input);
      // The decision commits with this procedure's transaction; the e-mail goes after it.
      afterResponse("mail", async () => sendDecisionMails(await getDb(), { requestId: decided.id }));
      if (decided.refundId) afterResponse("refunds", async () => sendOwedRefunds(await getDb()));
      return decided;
    }),
  settings: orgProcedure("manager").query(({ ctx }) => getRefundRequestSettings(ctx.svc)),
  updateSettings: orgProcedure("admin").input(refundRequestSettingsInput).mutation(({ ctx, input }) => updateRefundRequestSettings(ctx.svc, input)),
});

export const loyaltyRouter = createTRPCRouter({
  get: orgProcedure("viewer").query(({ ctx }) => getLoyaltyProgram(ctx.svc)),
  update: orgProcedure("admin").input(loyaltyProgramInput).mutation(({ ctx, input }) => updateLoyaltyProgram(ctx.svc, input)),
});
