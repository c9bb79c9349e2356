import { apiRoute, locations } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(locations.getLocationOperation);
export const PATCH = apiRoute(locations.updateLocationOperation);
