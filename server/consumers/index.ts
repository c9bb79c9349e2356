// The consumers domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { accruePoints, accruePointsStatements, getLoyaltyProgram, loyaltyRateJson, updateLoyaltyProgram } from "./loyalty";
export { claimOrder } from "./order-claims";
export { getReceipt, listMemberships, listPurchases } from "./purchases";
export { orderReceipt } from "./receipt-document";
export { emailReceipt } from "./receipt-email";
export { receiptPdf } from "./receipt-pdf";
export { countPendingRequests, decideRefundRequest, listMyRequests, listRefundRequests, reportProblem } from "./requests";
export { getPublicRefundRequest, listRefundRequestPage, refundRequestPageInput, type PublicRefundRequest } from "./refund-request-pages";
export { sendDecisionMails } from "./decision-mails";
export { requestEvidence } from "./request-evidence";
export { getRefundRequestSettings, updateRefundRequestSettings } from "./request-rules";
export { refundSale } from "./sale-refunds";
