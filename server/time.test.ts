import { describe, expect, it } from "vitest";
import { addDays, dayPeriod, dayShareLeft, daysBetween, localDay, localHour, startOfDay, weekdayOf } from "./time";

describe("days and hours in an organization's zone", () => {
  it("puts an instant on the zone's day, not UTC's", () => {
    // 23:30 on 28 February in New York is already 1 March in UTC.
    expect(localDay(new Date("2026-03-01T04:30:00Z"), "America/New_York")).toBe("2026-02-28");
    expect(localDay(new Date("2026-03-01T04:30:00Z"), "Asia/Shanghai")).toBe("2026-03-01");
    expect(localHour(new Date("2026-03-01T04:30:00Z"), "America/New_York")).toEqual({ day: "2026-02-28", hour: 23 });
  });

  it("finds the first moment of a day across changes of the clocks", () => {
    expect(startOfDay("2026-10-27", "Europe/Berlin")).toEqual(new Date("2026-10-26T23:00:00Z"));
    // Summer time ends in the early hours of 25 October: midnight is still at UTC+2.
    expect(startOfDay("2026-10-25", "Europe/Berlin")).toEqual(new Date("2026-10-24T22:00:00Z"));
    expect(startOfDay("2026-10-26", "Europe/Berlin")).toEqual(new Date("2026-10-25T23:00:00Z"));
    expect(startOfDay("2026-03-08", "America/New_York")).toEqual(new Date("2026-03-08T05:00:00Z"));
    expect(startOfDay("2026-03-09", "America/New_York")).toEqual(new Date("2026-03-09T04:00:00Z"));
  });

  it("counts the share of the day still ahead on the zone's clock", () => {
    // 18:00 in Berlin (UTC+1): a quarter of the day is left.
    expect(dayShareLeft(new Date("2026-11-20T17:00:00Z"), "Europe/Berlin")).toBeCloseTo(0.25, 6);
  });

  it("does calendar arithmetic on days", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-10-20", "2026-10-27")).toBe(7);
    expect(weekdayOf("2026-06-01")).toBe(0);
    expect(weekdayOf("2026-06-07")).toBe(6);
  });

  it("fills in a period's defaults and the period before it", () => {
    expect(dayPeriod({}, "2026-10-30", 30)).toEqual({ from: "2026-10-01", to: "2026-10-30", days: 30, previousFrom: "2026-09-01", previousTo: "2026-09-30" });
    expect(dayPeriod({ to: "2026-10-07" }, "2026-10-30", 7)).toEqual({ from: "2026-10-01", to: "2026-10-07", days: 7, previousFrom: "2026-09-24", previousTo: "2026-09-30" });
    expect(dayPeriod({ from: "2026-10-01", to: "2026-10-01" }, "2026-10-30", 30)).toMatchObject({ days: 1, previousFrom: "2026-09-30", previousTo: "2026-09-30" });
  });
});
