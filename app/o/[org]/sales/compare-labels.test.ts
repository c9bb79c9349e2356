import { describe, expect, it } from "vitest";
import { formatChange, formatDayRange } from "./compare-labels";

describe("the comparison's words", () => {
  it("says a change with its sign, and nothing without a base", () => {
    expect(formatChange(0.625)).toBe("+62.5%");
    expect(formatChange(-0.03)).toBe("−3%");
    expect(formatChange(0.0001)).toBe("±0%");
    expect(formatChange(null)).toBeNull();
  });

  it("shortens a range of days", () => {
    expect(formatDayRange({ from: "2026-11-09", to: "2026-11-15" })).toBe("9–15 Nov 2026");
    expect(formatDayRange({ from: "2026-11-30", to: "2026-12-06" })).toBe("30 Nov – 6 Dec 2026");
    expect(formatDayRange({ from: "2025-12-25", to: "2026-01-07" })).toBe("25 Dec 2025 – 7 Jan 2026");
    expect(formatDayRange({ from: "2026-11-09", to: "2026-11-09" })).toBe("9 Nov 2026");
  });
});
