import { apiRoute, sales } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(sales.listSalesOperation);
