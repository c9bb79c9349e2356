import { apiRoute, products } from "~/server/api";

export const dynamic = "force-dynamic";

export const POST = apiRoute(products.changeProductPrices);
