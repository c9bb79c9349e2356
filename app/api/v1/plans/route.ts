import { apiRoute, reports } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(reports.getPlan);
