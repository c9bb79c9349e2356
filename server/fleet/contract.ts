// The fleet domain's contract: locations, machines and their states as forms, filters and other
// domains know them. No database imports: the browser validates with these too.
import { z } from "zod";
import type { LocationKind, MachineStatus } from "~/db/schema";
import { defineMessages } from "~/server/errors";
import { pageCursor } from "~/server/input/cursor";

export type { LocationKind } from "~/db/schema";

export const fleetMessages = defineMessages("fleet", {
  serial_taken: "Another machine already has this serial number.",
  test_disabled: "{machine} is disabled; enable it before sending a test event.",
  test_no_secret: "{machine} has no signing secret; rotate its secret to issue one, then send the test event.",
  test_refused: "The test event was refused: {reason}",
});

/* Locations -------------------------------------------------------------------------------------- */

/** The kinds of place a machine stands in. */
export const locationKinds = [
  "office",
  "school",
  "university",
  "hospital",
  "station",
  "airport",
  "factory",
  "retail",
  "gym",
  "hotel",
  "other",
] as const satisfies readonly LocationKind[];
/** Compiles only while the list names every kind the database enum has. */
const _everyLocationKind: Exclude<LocationKind, (typeof locationKinds)[number]> extends never ? true : never = true;

const locationFields = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  address: z.string().trim().max(300, "Use at most 300 characters.").default(""),
  latitude: z
    .number("Enter the latitude in decimal degrees, such as 52.5200.")
    .min(-90, "Latitude is between -90 and 90.")
    .max(90, "Latitude is between -90 and 90.")
    .nullable()
    .default(null),
  longitude: z
    .number("Enter the longitude in decimal degrees, such as 13.4050.")
    .min(-180, "Longitude is between -180 and 180.")
    .max(180, "Longitude is between -180 and 180.")
    .nullable()
    .default(null),
  kind: z.enum(locationKinds, "Choose a kind of place.").default("other"),
});

/** A place on the map needs both coordinates, or neither. */
function bothCoordinatesOrNone(place: { latitude: number | null; longitude: number | null }, context: z.RefinementCtx) {
  if (place.latitude === null && place.longitude !== null) {
    context.addIssue({ code: "custom", path: ["latitude"], message: "Enter the latitude too, or clear the longitude." });
  }
  if (place.longitude === null && place.latitude !== null) {
    context.addIssue({ code: "custom", path: ["longitude"], message: "Enter the longitude too, or clear the latitude." });
  }
}

export const locationInput = locationFields.superRefine(bothCoordinatesOrNone);
export const updateLocationInput = locationFields.extend({ locationId: z.string().min(1).max(64) }).superRefine(bothCoordinatesOrNone);

/* Machines --------------------------------------------------------------------------------------- */

export const machineInput = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  serial: z.string().trim().min(1, "Enter the serial number.").max(64, "Use at most 64 characters."),
  model: z.string().trim().max(120, "Use at most 120 characters.").default(""),
  locationId: z.string().min(1).max(64).nullable().default(null),
});

export const machineIdInput = z.object({ machineId: z.string().min(1).max(64) });
export const updateMachineInput = machineInput.extend(machineIdInput.shape);
export const setDisabledInput = machineIdInput.extend({ disabled: z.boolean() });

/* States and the fleet list ---------------------------------------------------------------------- */

/** What the fleet shows for a machine: its state, or that it has never reported at all. */
export type FleetStatus = MachineStatus | "never_connected";

export const fleetStatuses = ["online", "offline", "fault", "never_connected", "disabled"] as const satisfies readonly FleetStatus[];

/** A machine in one of these states can take an online order now. */
export const reachableStatuses: readonly FleetStatus[] = ["online", "fault"];

/** How long a machine may stay silent before it shows as offline, unless its org sets its own. */
export const DEFAULT_OFFLINE_MINUTES = 15;

/** The columns the fleet list sorts by. */
export const machineSorts = ["name", "status", "lastSeen", "fill", "faults", "location", "revenueToday", "revenue7d", "lastSale", "sinceService", "cash"] as const;
export type MachineSort = (typeof machineSorts)[number];

export const listMachinesInput = z.object({
  search: z.string().trim().max(100).optional(),
  status: z.array(z.enum(fleetStatuses)).max(fleetStatuses.length).optional(),
  locationId: z.string().max(64).optional(),
  sort: z.enum(machineSorts).default("name"),
  direction: z.enum(["asc", "desc"]).default("asc"),
});

/** A page of the org's machines for the public API: `cursor` is the previous page's `next_cursor`. */
export const machinePageInput = z.object({
  limit: z.coerce.number("Send limit as a whole number.").int("Send limit as a whole number.").min(1, "Use a limit of at least 1.").max(200, "Use a limit of at most 200.").default(50),
  cursor: pageCursor.optional(),
});

export const machineEventsInput = z.object({
  machineId: z.string().min(1).max(64),
  types: z.array(z.string().max(40)).max(10).optional(),
  /** `occurredAt|eventId` of the last event of the previous page. */
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/* Connecting a machine --------------------------------------------------------------------------- */

/** Test events the server sends for a machine carry ids with this prefix: a heartbeat, never a sale. */
export const TEST_EVENT_PREFIX = "vendops-test-";

/** Whether a machine event is a test the operator sent from the app. */
export const isTestEvent = (eventId: string) => eventId.startsWith(TEST_EVENT_PREFIX);

/** The QR stickers of one machine, or of the whole fleet without `machineId`. */
export const stickersInput = z.object({ machineId: z.string().min(1).max(64).optional() });

/** The steps of setting an organization up, in the order the overview lists them. */
export const onboardingSteps = ["products", "machine", "firstEvent", "planogram", "team", "supportEmail"] as const;
export type OnboardingStep = (typeof onboardingSteps)[number];
