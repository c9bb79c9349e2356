import { alertsRouter, notificationsRouter, webhooksRouter } from "../alerts/router";
import { analyticsRouter } from "../analytics/router";
import { authRouter } from "../auth/router";
import { planogramRouter, productsRouter } from "../catalog/router";
import { locationsRouter, machinesRouter } from "../fleet/router";
import { consumerRouter, loyaltyRouter, refundRequestsRouter } from "../consumers/router";
import { checkoutRouter, ordersRouter, refundsRouter } from "../payments/router";
import { jobsRouter } from "../jobs/router";
import { plansRouter, routesRouter, visitsRouter } from "../replenishment/router";
import { salesRouter } from "../sales/router";
import { auditRouter, invitationsRouter, membersRouter, orgRouter } from "../tenancy/router";
import { createCallerFactory, createTRPCRouter } from "./init";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  org: orgRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  audit: auditRouter,
  locations: locationsRouter,
  machines: machinesRouter,
  products: productsRouter,
  planogram: planogramRouter,
  sales: salesRouter,
  orders: ordersRouter,
  refunds: refundsRouter,
  refundRequests: refundRequestsRouter,
  loyalty: loyaltyRouter,
  checkout: checkoutRouter,
  consumer: consumerRouter,
  alerts: alertsRouter,
  notifications: notificationsRouter,
  webhooks: webhooksRouter,
  jobs: jobsRouter,
  routes: routesRouter,
  plans: plansRouter,
  visits: visitsRouter,
  analytics: analyticsRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process, e.g. from tests: `createCaller(createTrpcContext({ db, user }))`. */
export const createCaller = createCallerFactory(appRouter);
