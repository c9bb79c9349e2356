import { z } from "zod";
import { ServiceError } from "~/server/errors";
import { createTRPCRouter, orgProcedure, publicProcedure } from "../init";
import { listOrders, listOrdersInput, listRefunds, listRefundsInput, refundIdInput, refundSale, refundSaleInput, retryRefund } from "~/server/payments";
import { createOrder, createOrderInput, getCheckoutMenu, getOrderView } from "~/server/payments";
import { checkoutBaseUrl } from "~/server/payments";
import { paymentProvider } from "~/server/payments";

const machineIdInput = z.object({ machineId: z.string().min(1).max(64) });
const orderIdInput = z.object({ orderId: z.string().min(1).max(64) });

/** A machine's checkout page and the order link: public, by unguessable ids. */
export const checkoutRouter = createTRPCRouter({
  menu: publicProcedure.input(machineIdInput).query(async ({ ctx, input }) => {
    const menu = await getCheckoutMenu(ctx.db, input.machineId);
    if (!menu) throw new ServiceError("NOT_FOUND", "This machine does not exist. Check the code on the machine.");
    return { ...menu, demoPayments: paymentProvider()?.name === "demo", paymentsAvailable: paymentProvider() !== null };
  }),
  create: publicProcedure.input(createOrderInput).mutation(({ ctx, input }) => {
    const provider = paymentProvider();
    if (!provider) throw new ServiceError("CONFLICT", "Online payment is not set up here yet. Please pay at the machine.");
    return createOrder(ctx.db, provider, input, { consumerId: ctx.user?.id ?? null, baseUrl: checkoutBaseUrl(ctx.origin) });
  }),
  order: publicProcedure.input(orderIdInput).query(async ({ ctx, input }) => {
    const order = await getOrderView(ctx.db, input.orderId);
    if (!order) throw new ServiceError("NOT_FOUND", "No order with this link. Check the address you opened.");
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
  refundSale: orgProcedure("manager").input(refundSaleInput).mutation(({ ctx, input }) => refundSale(ctx.svc, input)),
});
