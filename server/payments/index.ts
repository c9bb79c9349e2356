// The payments domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { createOrder, getCheckoutMenu, getOrderView } from "./checkout";
export { checkoutBaseUrl, requestOrigin } from "./checkout-origin";
export { paymentProvider } from "./configured-provider";
export { DemoProvider } from "./demo";
export { listOrders, listRefunds, retryRefund } from "./operator";
export { getPublicOrder, listOrderPage, orderPageInput, type PublicOrder } from "./order-pages";
export { getPublicRefund, listRefundPage, refundPageInput, type PublicRefund } from "./refund-pages";
export { assignOrderToConsumer } from "./order-claims";
export {
  commandsOf,
  completeOrdersStatement,
  failedVendRefundsStatement,
  pendingCommandsJson,
  reportedOrdersJson,
  type FailedPaidVend,
  type MachineCommand,
  type ReportedOrder,
} from "./machine-reports";
export { expireOrders } from "./orders";
export { claimDueRefunds, processDueRefunds } from "./refund-queue";
export { createSaleRefund } from "./sale-refunds";
export { sendOwedRefunds } from "./send-owed-refunds";
export { StripeProvider } from "./stripe";
export { STRIPE_WEBHOOK_MAX_BYTES, handleStripeWebhook } from "./stripe-webhook";
