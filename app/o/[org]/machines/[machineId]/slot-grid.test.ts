import { describe, expect, it } from "vitest";
import { draftOf } from "./slot-drafts";
import { gridCodes, gridDrafts, gridProblems } from "./slot-grid";

const spec = { rows: "6", columns: "8", capacity: "10", parLevel: "3" };

describe("planogram grid generator", () => {
  it("names slots by row letter and column number, row by row", () => {
    const codes = gridCodes(6, 8);
    expect(codes).toHaveLength(48);
    expect(codes.slice(0, 9)).toEqual(["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "B1"]);
    expect(codes.at(-1)).toBe("F8");
    expect(gridCodes(1, 1)).toEqual(["A1"]);
    expect(gridCodes(26, 2).slice(-2)).toEqual(["Z1", "Z2"]);
  });

  it("gives every slot the default capacity and par, keeping the product and price of slots already drafted", () => {
    const current = [draftOf({ code: "b2", productId: "prd_cola", capacity: "5", parLevel: "1", price: "2.80" }), draftOf({ code: "Z9", productId: "prd_x", capacity: "5", parLevel: "1", price: "" })];
    const drafts = gridDrafts(current, spec);
    expect(drafts).toHaveLength(48);
    expect(drafts[0]).toMatchObject({ code: "A1", productId: "", capacity: "10", parLevel: "3", price: "" });
    expect(drafts.find((d) => d.code === "B2")).toMatchObject({ productId: "prd_cola", capacity: "10", parLevel: "3", price: "2.80" });
    expect(drafts.some((d) => d.code === "Z9")).toBe(false);
    expect(new Set(drafts.map((d) => d.key)).size).toBe(48);
  });

  it("refuses a grid the planogram could not save, saying what to change", () => {
    expect(gridProblems(spec)).toEqual({});
    expect(gridProblems({ ...spec, rows: "0", columns: "x" })).toEqual({ rows: "Enter 1 to 26 rows (A to Z).", columns: "Enter at least 1 column." });
    expect(gridProblems({ ...spec, rows: "27" }).rows).toBe("Enter 1 to 26 rows (A to Z).");
    expect(gridProblems({ ...spec, rows: "20", columns: "11" }).columns).toBe("20 × 11 is 220 slots. A machine has at most 200 slots.");
    expect(gridProblems({ ...spec, capacity: "4", parLevel: "5" })).toEqual({ parLevel: "Par level cannot exceed capacity." });
    expect(gridProblems({ ...spec, capacity: "0", parLevel: "0" })).toEqual({ capacity: "Capacity is at least 1." });
    expect(gridProblems({ ...spec, capacity: "ten" })).toEqual({ capacity: "Enter the capacity as a whole number." });
  });
});
