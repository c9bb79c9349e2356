import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDuration, parseFleetOptions, simulatedClock } from "./fleet-options";

describe("npm run sim options", () => {
  it("reads durations, speed as simulated minutes per second, and where the credentials are", () => {
    expect([parseDuration("20s"), parseDuration("10m"), parseDuration("2h"), parseDuration("90")]).toEqual([20_000, 600_000, 7_200_000, 90_000]);
    expect(() => parseDuration("soon")).toThrow(/90s, 10m or 2h/);
    const options = parseFleetOptions(["--machines", "3", "--speed", "60", "--duration", "20s", "--url", "http://localhost:3200/", "--data-dir", "/tmp/x"]);
    expect(options).toMatchObject({ machines: 3, factor: 3600, durationMs: 20_000, url: "http://localhost:3200", credentials: path.resolve("/tmp/x/demo-machines.json") });
    expect(parseFleetOptions([])).toMatchObject({ machines: 5, factor: 1, durationMs: null, url: "http://localhost:3000", credentials: path.resolve(".data/demo-machines.json") });
    expect(parseFleetOptions(["--help"])).toBeNull();
    expect(() => parseFleetOptions(["--speed", "fast"])).toThrow(/--speed must be a positive number/);
  });

  it("runs a fast clock from the past so that it reaches the present as the run ends, never beyond", () => {
    const realStart = Date.UTC(2026, 10, 24, 12);
    const clock = simulatedClock({ factor: 3600, durationMs: 20_000, start: null }, realStart);
    expect(clock(realStart)).toBe(realStart - 20_000 * 3599);
    expect(clock(realStart + 10_000)).toBe(realStart + 10_000 - 10_000 * 3599); // still 10 s of run, 10 s x 3599 behind
    expect(clock(realStart + 20_000)).toBe(realStart + 20_000);
    expect(clock(realStart + 60_000)).toBe(realStart + 60_000);
    const realtime = simulatedClock({ factor: 1, durationMs: null, start: null }, realStart);
    expect(realtime(realStart + 5000)).toBe(realStart + 5000);
  });
});
