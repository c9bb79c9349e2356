import { apiRoute, products } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(products.getProductOperation);
export const PATCH = apiRoute(products.updateProductOperation);
