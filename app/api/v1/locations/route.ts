import { apiRoute, locations } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(locations.listLocations);
export const POST = apiRoute(locations.createLocationOperation);
