import type { callerFor } from "./factories";
import type { HostFixture } from "./host-portal";

type Caller = ReturnType<typeof callerFor>;

export interface HostProcedure {
  /** A valid call as the fixture's host, against their place. */
  call: (c: Caller, f: HostFixture) => Promise<unknown>;
  /** The same call against the other place of the same org (the host's org in the input). */
  otherPlace?: (c: Caller, f: HostFixture) => Promise<unknown>;
}

/**
 * Every host portal procedure (its input names the org as `org`). The host matrix fails when the
 * router has one that is missing here, so a new one gets its isolation checks by being added.
 */
export const hostProcedures: Record<string, HostProcedure> = {
  "hostPortal.overview": { call: (c, f) => c.hostPortal.overview({ org: f.orgSlug }) },
  "hostPortal.location": {
    call: (c, f) => c.hostPortal.location({ org: f.orgSlug, locationId: f.locationId }),
    otherPlace: (c, f) => c.hostPortal.location({ org: f.orgSlug, locationId: f.otherLocationId }),
  },
  "hostPortal.reportProblem": {
    call: (c, f) => c.hostPortal.reportProblem({ org: f.orgSlug, machineId: f.machineId, text: "The card reader does not respond" }),
    otherPlace: (c, f) => c.hostPortal.reportProblem({ org: f.orgSlug, machineId: f.otherMachineId, text: "The card reader does not respond" }),
  },
};
