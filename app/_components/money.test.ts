import { describe, expect, it } from "vitest";
import { formatMoney, fractionDigitsOf, parseMajor, toMajorText } from "./money";

describe("money in forms and tables", () => {
  it("formats minor units in the currency's own precision", () => {
    expect(formatMoney(250, "EUR")).toBe("€2.50");
    expect(formatMoney(250, "JPY")).toBe("¥250");
    expect(formatMoney(1250, "KWD")).toMatch(/KWD\s1\.250$/);
    expect(fractionDigitsOf("JPY")).toBe(0);
    expect(toMajorText(90, "EUR")).toBe("0.90");
  });

  it("reads what people type, without floating point", () => {
    expect(parseMajor("2.50", "EUR")).toBe(250);
    expect(parseMajor("2,5", "EUR")).toBe(250);
    expect(parseMajor(" €3 ", "EUR")).toBe(300);
    expect(parseMajor("0.29", "EUR")).toBe(29);
    expect(parseMajor("250", "JPY")).toBe(250);
    expect(parseMajor("", "EUR")).toBeNull();
  });

  it("refuses text that is not an amount in the currency", () => {
    for (const text of ["2.a", "2.505", "abc", "-1", "1.5", "2.5.0"]) {
      const currency = text === "1.5" ? "JPY" : "EUR";
      expect(parseMajor(text, currency), text).toBeNaN();
    }
  });
});
