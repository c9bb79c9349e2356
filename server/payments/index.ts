// The payments domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { createOrder, getCheckoutMenu, getOrderView } from "./checkout";
export { checkoutBaseUrl, requestOrigin } from "./checkout-origin";
export { checkoutChannelOf } from "./checkout-channel";
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
export { sendDueRefunds, sendOwedRefunds } from "./send-owed-refunds";
export * from "./provider-contract";
export type { AlipayConfig, OrgProviderName, WechatPayConfig } from "./provider-configs";
export { enabledProviderNames, listProviderSettings, orgCheckoutMethods, notifyPathOf, providerFor, providersOfOrg, saveProviderSettings, setProviderEnabled } from "./org-providers";
export { WechatPayProvider } from "./wechatpay/provider";
export { handleWechatPayNotification } from "./wechatpay/webhook";
export { WECHATPAY_NOTIFICATION_MAX_BYTES } from "./wechatpay/notification";
export { AlipayProvider } from "./alipay/provider";
export { ALIPAY_NOTIFY_MAX_BYTES, answerAlipayNotification, handleAlipayNotification, syncAlipayOrder } from "./alipay/notification";
export { StripeProvider } from "./stripe";
export { STRIPE_WEBHOOK_MAX_BYTES, handleStripeWebhook } from "./stripe-webhook";
