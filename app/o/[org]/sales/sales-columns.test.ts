import { describe, expect, it } from "vitest";
import { hiddenSaleColumns, toggleSaleColumn } from "./sales-columns";

describe("the sales table's hidden columns", () => {
  it("reads the stored list and drops what it does not know", () => {
    expect([...hiddenSaleColumns('["slot","refund"]')]).toEqual(["slot", "refund"]);
    expect([...hiddenSaleColumns('["slot","__proto__",3,null]')]).toEqual(["slot"]);
    expect(hiddenSaleColumns("not json").size).toBe(0);
    expect(hiddenSaleColumns('{"slot":true}').size).toBe(0);
    expect(hiddenSaleColumns(null).size).toBe(0);
  });

  it("never hides every column", () => {
    const all = JSON.stringify(["time", "machine", "location", "slot", "product", "payment", "amount", "status", "refund"]);
    expect(hiddenSaleColumns(all).size).toBe(0);
  });

  it("writes the list in the table's order", () => {
    expect(toggleSaleColumn(new Set(["refund"]), "slot", false)).toBe('["slot","refund"]');
    expect(toggleSaleColumn(new Set(["slot", "refund"]), "slot", true)).toBe('["refund"]');
  });
});
