import { apiRoute, refundRequests } from "~/server/api";

export const dynamic = "force-dynamic";

export const POST = apiRoute(refundRequests.declineRefundRequestOperation);
