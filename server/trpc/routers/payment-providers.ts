import "server-only";
import { listProviderSettings, saveProviderInput, saveProviderSettings, setProviderEnabled, setProviderEnabledInput } from "~/server/payments";
import { createTRPCRouter, orgProcedure } from "../init";

/** An org's own WeChat Pay and Alipay merchant accounts: admins and owners only, secrets write-only. */
export const paymentProvidersRouter = createTRPCRouter({
  list: orgProcedure("admin").query(({ ctx }) => listProviderSettings(ctx.svc)),
  save: orgProcedure("admin").input(saveProviderInput).mutation(({ ctx, input }) => saveProviderSettings(ctx.svc, input)),
  setEnabled: orgProcedure("admin").input(setProviderEnabledInput).mutation(({ ctx, input }) => setProviderEnabled(ctx.svc, input)),
});
