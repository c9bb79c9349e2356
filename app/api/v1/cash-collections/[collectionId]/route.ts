import { apiRoute, cash } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(cash.getCashCollection);
