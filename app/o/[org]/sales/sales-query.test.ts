import { describe, expect, it } from "vitest";
import { salesQueryFrom } from "./sales-query";

describe("the sales page's filter in the URL", () => {
  it("keeps real days and drops ones the sales procedures would refuse", () => {
    expect(salesQueryFrom(new URLSearchParams("from=2028-02-29&to=2028-03-01"))).toEqual({ from: "2028-02-29", to: "2028-03-01" });
    expect(salesQueryFrom(new URLSearchParams("from=2026-02-30&to=2026-13-99"))).toEqual({});
    expect(salesQueryFrom(new URLSearchParams("from=0000-01-01&to=2026-04-31"))).toEqual({});
  });
});
