import { idParam, textParam, type QueryReader } from "~/app/_components/hooks/search-params";
import type { RouterInputs } from "~/app/_trpc/types";
import { machineSorts, type FleetStatus, type MachineSort } from "~/server/fleet/contract";

export type FleetSort = MachineSort;
export type SortDirection = "asc" | "desc";

/** A machine's states, in the order the status filter lists them (words: `machines.status.*`, see fleet-status.ts). */
export const fleetStatuses = ["online", "offline", "fault", "never_connected", "disabled"] as const satisfies readonly FleetStatus[];

/** The direction a column sorts in when first clicked: what an operator looks for first. */
export const firstDirection: Record<FleetSort, SortDirection> = {
  name: "asc",
  status: "asc",
  // Longest silent, emptiest and most faulty first.
  lastSeen: "asc",
  fill: "asc",
  faults: "desc",
  location: "asc",
  // Best selling, longest without a sale, longest since service and fullest cash box first.
  revenueToday: "desc",
  revenue7d: "desc",
  lastSale: "asc",
  sinceService: "desc",
  cash: "desc",
};

/** The fleet table's state, read from the URL: `?q=&status=offline,fault&location=&sort=&dir=`. */
export interface FleetQuery {
  search: string;
  status: FleetStatus[];
  locationId: string | null;
  sort: FleetSort;
  direction: SortDirection;
}

export function fleetQueryFrom(params: QueryReader): FleetQuery {
  const statuses = (params.get("status") ?? "").split(",");
  const sort = params.get("sort") as FleetSort | null;
  return {
    search: textParam(params, "q") ?? "",
    status: fleetStatuses.filter((s) => statuses.includes(s)),
    locationId: idParam(params, "location") ?? null,
    sort: sort && machineSorts.includes(sort) ? sort : "name",
    direction: params.get("dir") === "desc" ? "desc" : "asc",
  };
}

/** The machines.list input for the state (same object on the server's prefetch and in the browser). */
export function fleetListInput(orgId: string, q: FleetQuery): RouterInputs["machines"]["list"] {
  return {
    orgId,
    sort: q.sort,
    direction: q.direction,
    ...(q.search ? { search: q.search } : {}),
    ...(q.status.length > 0 ? { status: q.status } : {}),
    ...(q.locationId ? { locationId: q.locationId } : {}),
  };
}

/** Auto-refresh of live machine state. */
export const LIVE_REFRESH_MS = 15_000;
