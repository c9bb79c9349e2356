import "server-only";

/** A place on the map, in degrees. */
export interface Coordinates {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_KM = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance between two places, in kilometres (haversine). */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLng = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether a pair of numbers is a place: both finite and within the globe's ranges. */
export function validCoordinates(latitude: number | null | undefined, longitude: number | null | undefined): Coordinates | null {
  if (latitude == null || longitude == null || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude };
}

/**
 * Stops in driving order, nearest neighbour first: from the depot when there is one, else from the
 * first stop (in the order given) that has coordinates, each next stop is the nearest one not yet
 * driven to. Equal distances keep the order given. Stops without coordinates come last, in the
 * order given. Stable and pure: the same stops always come out in the same order.
 */
export function drivingOrder<T>(stops: readonly T[], coordinatesOf: (stop: T) => Coordinates | null, depot: Coordinates | null = null): T[] {
  const placed = stops.map((stop, index) => ({ stop, index, at: coordinatesOf(stop) }));
  const unplaced = placed.filter((p) => !p.at).map((p) => p.stop);
  const left = placed.filter((p): p is { stop: T; index: number; at: Coordinates } => p.at !== null);
  const ordered: T[] = [];
  let here = depot;
  if (!here) {
    const first = left.shift();
    if (!first) return unplaced;
    ordered.push(first.stop);
    here = first.at;
  }
  while (left.length > 0) {
    let best = 0;
    let bestKm = distanceKm(here, left[0]!.at);
    for (let i = 1; i < left.length; i++) {
      const km = distanceKm(here, left[i]!.at);
      // Strictly nearer only: on a tie the stop earlier in the order given wins.
      if (km < bestKm) {
        best = i;
        bestKm = km;
      }
    }
    const [next] = left.splice(best, 1);
    ordered.push(next!.stop);
    here = next!.at;
  }
  return [...ordered, ...unplaced];
}

/**
 * A link that opens directions to a stop in the phone's maps app (Google Maps' universal link: the
 * app when installed, the web otherwise): to its coordinates, else to its address, else none.
 */
export function directionsUrl(at: Coordinates | null, address: string | null | undefined): string | null {
  const base = "https://www.google.com/maps/dir/?api=1&destination=";
  if (at) return `${base}${at.latitude},${at.longitude}`;
  const place = address?.trim();
  return place ? `${base}${encodeURIComponent(place)}` : null;
}
