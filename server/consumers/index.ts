// The consumers domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { accruePoints, accruePointsStatements, getLoyaltyProgram, loyaltyRateJson, updateLoyaltyProgram } from "./loyalty";
export { claimOrder } from "./order-claims";
export { getReceipt, listMemberships, listPurchases } from "./purchases";
export { countPendingRequests, decideRefundRequest, listMyRequests, listRefundRequests, reportProblem } from "./requests";
export { refundSale } from "./sale-refunds";
