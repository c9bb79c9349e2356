import { apiRoute, products } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(products.listProducts);
export const POST = apiRoute(products.createProductOperation);
