import { apiRoute, planograms } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(planograms.getPlanogramOperation);
