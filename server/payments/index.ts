// The payments domain's front door: the only module other domains, transports and pages import.
import "server-only";

export { createOrder, createOrderInput, getCheckoutMenu, getOrderView } from "./checkout";
export { checkoutBaseUrl, requestOrigin } from "./checkout-origin";
export { DemoProvider } from "./demo";
export { listOrders, listOrdersInput, listRefunds, listRefundsInput, refundIdInput, refundSale, refundSaleInput, retryRefund } from "./operator";
export { completeOrders, expireOrders, ordersForReports, pendingCommands } from "./orders";
export { paymentProvider } from "./providers";
export { sendOwedRefunds } from "./refund-dispatch";
export { claimDueRefunds, processDueRefunds } from "./refund-worker";
export { StripeProvider } from "./stripe";
export { STRIPE_WEBHOOK_MAX_BYTES, handleStripeWebhook } from "./stripe-webhook";
