import { apiRoute, orders } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(orders.listOrdersOperation);
