import "server-only";
import { alertsRouter } from "./routers/alerts";
import { cashRouter } from "./routers/cash";
import { auditsRouter } from "./routers/audits";
import { notificationsRouter, webhooksRouter } from "./routers/notifications";
import { analyticsRouter } from "./routers/analytics";
import { authRouter } from "./routers/auth";
import { planogramRouter, productsRouter } from "./routers/catalog";
import { locationsRouter, machinesRouter } from "./routers/fleet";
import { consumerRouter, loyaltyRouter, refundRequestsRouter } from "./routers/consumers";
import { checkoutRouter, ordersRouter, refundsRouter } from "./routers/payments";
import { paymentProvidersRouter } from "./routers/payment-providers";
import { hostsRouter } from "./routers/hosts";
import { jobsRouter } from "./routers/jobs";
import { plansRouter, routesRouter, visitsRouter } from "./routers/replenishment";
import { profitRouter } from "./routers/profit";
import { salesRouter } from "./routers/sales";
import { searchRouter } from "./routers/search";
import { hostAccessRouter, hostPortalRouter } from "./routers/host-portal";
import { apiKeysRouter, auditRouter, invitationsRouter, membersRouter, orgRouter } from "./routers/tenancy";
import { createCallerFactory, createTRPCRouter } from "./init";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  org: orgRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  audit: auditRouter,
  apiKeys: apiKeysRouter,
  locations: locationsRouter,
  machines: machinesRouter,
  products: productsRouter,
  planogram: planogramRouter,
  sales: salesRouter,
  cash: cashRouter,
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
  profit: profitRouter,
  audits: auditsRouter,
  search: searchRouter,
  hosts: hostsRouter,
  hostAccess: hostAccessRouter,
  hostPortal: hostPortalRouter,
  paymentProviders: paymentProvidersRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process, e.g. from tests: `createCaller(createTrpcContext({ db, user }))`. */
export const createCaller = createCallerFactory(appRouter);
