import { apiRoute, visits } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(visits.listVisits);
