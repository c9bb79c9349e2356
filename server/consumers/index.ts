// The consumers domain's front door: the only module other domains, transports and pages import.
import "server-only";

export { accruePoints, getLoyaltyProgram, loyaltyProgramInput, reversePoints, updateLoyaltyProgram } from "./loyalty";
export { claimOrder, claimOrderInput, getReceipt, listMemberships, listPurchases, listPurchasesInput } from "./purchases";
export { countPendingRequests, decideRefundRequest, decideRequestInput, listMyRequests, listRefundRequests, listRefundRequestsInput, reportProblem, reportProblemInput } from "./requests";
