import type { LocationKind } from "~/server/fleet/contract";

/** The kinds of place a machine stands in, in words. */
export const locationKindLabels = {
  office: "Office",
  school: "School",
  university: "University",
  hospital: "Hospital",
  station: "Station",
  airport: "Airport",
  factory: "Factory",
  retail: "Shop",
  gym: "Gym",
  hotel: "Hotel",
  other: "Other",
} as const satisfies Record<LocationKind, string>;
