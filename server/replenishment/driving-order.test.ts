import { describe, expect, it } from "vitest";
import { directionsUrl, distanceKm, drivingOrder, validCoordinates, type Coordinates } from "./driving-order";

interface Stop {
  name: string;
  at: Coordinates | null;
}

// Stops on the equator, one degree of longitude apart: distances are simply the differences.
const on = (name: string, longitude: number | null): Stop => ({ name, at: longitude === null ? null : { latitude: 0, longitude } });
const names = (stops: Stop[]) => stops.map((s) => s.name);
const order = (stops: Stop[], depot?: Coordinates) => names(drivingOrder(stops, (s) => s.at, depot ?? null));

describe("distanceKm", () => {
  it("measures a degree along the equator as about 111.2 km, and is symmetric", () => {
    expect(distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(111.19, 1);
    const berlin = { latitude: 52.52, longitude: 13.405 };
    const paris = { latitude: 48.8566, longitude: 2.3522 };
    expect(distanceKm(berlin, paris)).toBeCloseTo(877.5, 0);
    expect(distanceKm(berlin, paris)).toBe(distanceKm(paris, berlin));
  });
});

describe("drivingOrder", () => {
  it("starts at the first stop without a depot and always drives to the nearest one left", () => {
    // From A (0): C is 1 away, then D (1 from C), then B (1 from D).
    expect(order([on("A", 0), on("B", 3), on("C", 1), on("D", 2)])).toEqual(["A", "C", "D", "B"]);
    // Greedy, not optimal: from A (0), C (+1) is nearer than B (-2), so B comes last, after E (+3).
    expect(order([on("A", 0), on("B", -2), on("C", 1), on("E", 3)])).toEqual(["A", "C", "E", "B"]);
  });

  it("starts from the depot when there is one", () => {
    // From 2.1: D (2) is nearest; from D, B (3) and C (1) tie and B comes first in the order given; then C, then A.
    expect(order([on("A", 0), on("B", 3), on("C", 1), on("D", 2)], { latitude: 0, longitude: 2.1 })).toEqual(["D", "B", "C", "A"]);
  });

  it("keeps the order given on equal distances", () => {
    expect(order([on("A", 0), on("B", 1), on("C", -1)])).toEqual(["A", "B", "C"]);
    expect(order([on("A", 0), on("C", -1), on("B", 1)])).toEqual(["A", "C", "B"]);
    // Two stops at the same place follow each other in the order given.
    expect(order([on("A", 0), on("B", 5), on("C", 5), on("D", 1)])).toEqual(["A", "D", "B", "C"]);
  });

  it("puts stops without coordinates last, in the order given, and starts at the first stop that has them", () => {
    expect(order([on("X", null), on("A", 0), on("Y", null), on("B", 2), on("C", 1)])).toEqual(["A", "C", "B", "X", "Y"]);
    expect(order([on("X", null), on("Y", null)])).toEqual(["X", "Y"]);
    expect(order([])).toEqual([]);
    expect(order([on("A", 4)])).toEqual(["A"]);
  });

  it("does not change the stops it is given", () => {
    const stops = [on("A", 0), on("B", 3), on("C", 1)];
    drivingOrder(stops, (s) => s.at);
    expect(names(stops)).toEqual(["A", "B", "C"]);
  });
});

describe("validCoordinates", () => {
  it("takes finite degrees within the globe only", () => {
    expect(validCoordinates(52.5, 13.4)).toEqual({ latitude: 52.5, longitude: 13.4 });
    expect(validCoordinates(0, 0)).toEqual({ latitude: 0, longitude: 0 });
    for (const [lat, lng] of [
      [null, 13.4],
      [52.5, null],
      [undefined, undefined],
      [91, 0],
      [0, 180.5],
      [Number.NaN, 0],
      [0, Number.POSITIVE_INFINITY],
    ] as const) {
      expect(validCoordinates(lat, lng)).toBeNull();
    }
  });
});

describe("directionsUrl", () => {
  it("links to the coordinates, else the address, else nothing", () => {
    expect(directionsUrl({ latitude: 52.52, longitude: 13.405 }, "Alexanderplatz 1, Berlin")).toBe("https://www.google.com/maps/dir/?api=1&destination=52.52,13.405");
    expect(directionsUrl(null, "Rue de Rivoli 1, 75001 Paris & Co")).toBe("https://www.google.com/maps/dir/?api=1&destination=Rue%20de%20Rivoli%201%2C%2075001%20Paris%20%26%20Co");
    expect(directionsUrl(null, "  ")).toBeNull();
    expect(directionsUrl(null, null)).toBeNull();
  });
});
