import { apiRoute, refundRequests } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(refundRequests.listRefundRequestsOperation);
