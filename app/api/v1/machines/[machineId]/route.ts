import { apiRoute, machines } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(machines.getMachine);
export const PATCH = apiRoute(machines.updateMachineOperation);
