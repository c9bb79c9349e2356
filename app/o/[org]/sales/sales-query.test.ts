import { describe, expect, it } from "vitest";
import { salesCompareFrom, salesQueryFrom, withDefaultRange } from "./sales-query";

describe("the sales page's filter in the URL", () => {
  it("keeps real days and drops ones the sales procedures would refuse", () => {
    expect(salesQueryFrom(new URLSearchParams("from=2028-02-29&to=2028-03-01"))).toEqual({ from: "2028-02-29", to: "2028-03-01" });
    expect(salesQueryFrom(new URLSearchParams("from=2026-02-30&to=2026-13-99"))).toEqual({});
    expect(salesQueryFrom(new URLSearchParams("from=0000-01-01&to=2026-04-31"))).toEqual({});
  });
});

describe("the sales page's default range", () => {
  it("adds the last 7 days to an address without a range, keeping the other filters", () => {
    expect(withDefaultRange(new URLSearchParams("status=failed"), "2026-12-07")?.toString()).toBe("status=failed&from=2026-12-01&to=2026-12-07");
    expect(withDefaultRange(new URLSearchParams("from=2026-02-30"), "2026-12-07")?.toString()).toBe("from=2026-12-01&to=2026-12-07");
  });

  it("leaves a range, one end of one, or all time alone", () => {
    expect(withDefaultRange(new URLSearchParams("from=2026-11-01&to=2026-11-30"), "2026-12-07")).toBeNull();
    expect(withDefaultRange(new URLSearchParams("to=2026-11-30"), "2026-12-07")).toBeNull();
    expect(withDefaultRange(new URLSearchParams("range=all"), "2026-12-07")).toBeNull();
  });

  it("compares only a range with both ends, and a year only with at most a year", () => {
    const read = (text: string) => {
      const params = new URLSearchParams(text);
      return salesCompareFrom(params, salesQueryFrom(params));
    };
    expect(read("from=2026-11-01&to=2026-11-30&compare=previous")).toBe("previous");
    expect(read("from=2026-11-01&to=2026-11-30&compare=year")).toBe("year");
    expect(read("from=2026-11-01&compare=previous")).toBeUndefined();
    expect(read("from=2026-11-01&to=2026-11-30&compare=decade")).toBeUndefined();
    expect(read("from=2024-01-01&to=2026-11-30&compare=year")).toBeUndefined();
    expect(read("from=2024-01-01&to=2026-11-30&compare=previous")).toBe("previous");
    expect(read("from=2020-01-01&to=2026-11-30&compare=previous")).toBeUndefined();
  });
});
