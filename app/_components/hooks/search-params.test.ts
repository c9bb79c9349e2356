import { describe, expect, it } from "vitest";
import { idParam, textParam, toSearchParams } from "./search-params";

const q = (query: string) => new URLSearchParams(query);

describe("reading a page's address", () => {
  it("keeps ids and drops what could not be one", () => {
    expect(idParam(q("machineId=mch_4fQ2abc"), "machineId")).toBe("mch_4fQ2abc");
    expect(idParam(q("machineId=%20mch_1%20"), "machineId")).toBe("mch_1");
    for (const bad of ["", "machine%00", "%07bell", "' or 1=1 --", "a".repeat(65), "𝕍𝕖𝕟𝕕", "tail%EF%BF%BD", "..%2F"]) {
      expect(idParam(q(`machineId=${bad}`), "machineId"), bad).toBeUndefined();
    }
    expect(idParam(q(""), "machineId")).toBeUndefined();
  });

  it("keeps searches the procedures accept and drops the rest", () => {
    expect(textParam(q("q=%20Lobby%20"), "q")).toBe("Lobby");
    expect(textParam(q("q=𝕍𝕖𝕟𝕕"), "q")).toBe("𝕍𝕖𝕟𝕕");
    expect(textParam(q("q=machine%00"), "q")).toBeUndefined();
    expect(textParam(q("q=%07bell"), "q")).toBeUndefined();
    // Next hands pages decoded values; one that still holds half a character is dropped.
    expect(textParam({ get: () => "ab\uD800" }, "q")).toBeUndefined();
    expect(textParam(q("q=+"), "q")).toBeUndefined();
  });

  it("cuts long text by characters, never in the middle of one", () => {
    const cut = textParam(q(`q=${encodeURIComponent("𝕍".repeat(150))}`), "q")!;
    expect(Array.from(cut)).toHaveLength(100);
    expect(cut).toBe("𝕍".repeat(100));
  });

  it("takes the first of repeated keys", () => {
    expect(toSearchParams({ a: ["1", "2"], b: "3", c: undefined }).toString()).toBe("a=1&b=3");
  });
});
