import { authRouter } from "../auth/router";
import { auditRouter, invitationsRouter, membersRouter, orgRouter } from "../tenancy/router";
import { createCallerFactory, createTRPCRouter } from "./init";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  org: orgRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process, e.g. from tests: `createCaller(createTrpcContext({ db, user }))`. */
export const createCaller = createCallerFactory(appRouter);
