import "server-only";
import { refundSale } from "~/server/consumers";
import { ServiceError } from "~/server/errors";
import {
  checkoutBaseUrl,
  createOrder,
  createOrderInput,
  getCheckoutMenu,
  getOrderView,
  listOrders,
  listOrdersInput,
  listRefunds,
  listRefundsInput,
  machineIdInput,
  orgCheckoutMethods,
  orderIdInput,
  paymentProvider,
  paymentsMessages,
  refundIdInput,
  refundSaleInput,
  retryRefund,
} from "~/server/payments";
import { createTRPCRouter, orgProcedure, publicProcedure } from "../init";

/** A machine's checkout page and the order link: public, by unguessable ids. */
export const checkoutRouter = createTRPCRouter({
  menu: publicProcedure.input(machineIdInput).query(async ({ ctx, input }) => {
    const menu = await getCheckoutMenu(ctx.db, input.machineId);
    if (!menu) throw new ServiceError("NOT_FOUND", paymentsMessages.machine_unknown);
    // An org with its own WeChat Pay or Alipay account offers those; else the deployment's provider.
    const methods = await orgCheckoutMethods(ctx.db, input.machineId);
    const deployment = methods.length > 0 ? null : paymentProvider();
    return { ...menu, methods, demoPayments: deployment?.name === "demo", paymentsAvailable: methods.length > 0 || deployment !== null };
  }),
  create: publicProcedure.input(createOrderInput).mutation(({ ctx, input }) =>
    createOrder(ctx.db, { ...input, provider: paymentProvider(), consumerId: ctx.user?.id ?? null, clientIp: ctx.ip, baseUrl: checkoutBaseUrl(ctx.origin) }),
  ),
  order: publicProcedure.input(orderIdInput).query(async ({ ctx, input }) => {
    const order = await getOrderView(ctx.db, input.orderId);
    if (!order) throw new ServiceError("NOT_FOUND", paymentsMessages.order_link_unknown);
    const { consumerId, ...view } = order;
    return { ...view, claimed: consumerId !== null, mine: consumerId !== null && consumerId === ctx.user?.id };
  }),
});

export const ordersRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listOrdersInput).query(({ ctx, input }) => listOrders(ctx.svc, input)),
});

export const refundsRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listRefundsInput).query(({ ctx, input }) => listRefunds(ctx.svc, input)),
  retry: orgProcedure("manager").input(refundIdInput).mutation(({ ctx, input }) => retryRefund(ctx.svc, input)),
  // A refund by hand also takes back the purchase's points, so it goes through the consumers domain.
  refundSale: orgProcedure("manager").input(refundSaleInput).mutation(({ ctx, input }) => refundSale(ctx.svc, input)),
});
