import { apiRoute, refunds } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(refunds.getRefundOperation);
