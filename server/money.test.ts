import { describe, expect, it } from "vitest";
import { amountHint, formatMoney, minorDigits, minorPerUnit, parseMajor, toMajor, toMajorText, toMinor } from "./money";

describe("money in each currency's own precision", () => {
  it("knows how many minor digits a currency has", () => {
    expect(["USD", "EUR", "JPY", "KRW", "KWD"].map(minorDigits)).toEqual([2, 2, 0, 0, 3]);
    expect(["USD", "JPY", "KWD"].map(minorPerUnit)).toEqual([100, 1, 1000]);
    // A code Intl refuses gets the common precision instead of an exception in a page or a job.
    expect(minorDigits("E1")).toBe(2);
  });

  it("converts between minor and whole units both ways", () => {
    expect(toMajor(1234, "USD")).toBe(12.34);
    expect(toMajor(250, "EUR")).toBe(2.5);
    expect(toMajor(250, "JPY")).toBe(250);
    expect(toMajor(1250, "KWD")).toBe(1.25);
    expect(toMinor(12.34, "USD")).toBe(1234);
    expect(toMinor(2.675, "EUR")).toBe(268);
    expect(toMinor(1.005, "EUR")).toBe(101);
    expect(toMinor(250, "JPY")).toBe(250);
    expect(toMinor(1.25, "KWD")).toBe(1250);
    expect(toMinor(1e-7, "EUR")).toBe(0);
  });

  it("formats with the currency: symbols for pages, codes with grouping for stored and printed texts", () => {
    expect(formatMoney(123456, "USD")).toBe("$1,234.56");
    expect(formatMoney(250, "EUR")).toBe("€2.50");
    expect(formatMoney(250, "JPY")).toBe("¥250");
    expect(formatMoney(1250, "KWD")).toMatch(/KWD\s1\.250$/);
    expect(formatMoney(1_234_567, "EUR", { compact: true })).toBe("€12.3k");
    // As Chromium writes them: "€0.0" from the server made the sales chart fail to hydrate.
    expect(formatMoney(0, "EUR", { compact: true })).toBe("€0");
    expect(formatMoney(1200, "EUR", { compact: true })).toBe("€12");
    expect(formatMoney(123456, "USD", { code: true })).toBe("1,234.56 USD");
    expect(formatMoney(-250, "EUR", { code: true })).toBe("-2.50 EUR");
    expect(formatMoney(1_250_000, "JPY", { code: true })).toBe("1,250,000 JPY");
    expect(formatMoney(1_234_500, "KWD", { code: true })).toBe("1,234.500 KWD");
  });

  it("writes amounts as people type them and CSVs hold them", () => {
    expect(toMajorText(90, "EUR")).toBe("0.90");
    expect(toMajorText(123456, "USD")).toBe("1234.56");
    expect(toMajorText(250, "JPY")).toBe("250");
    expect(toMajorText(1250, "KWD")).toBe("1.250");
    expect(["USD", "JPY", "KWD"].map((c) => amountHint(c))).toEqual(["Use an amount like 2.50.", "Use an amount like 250.", "Use an amount like 2.500."]);
    expect([amountHint("CNY", "zh-CN"), amountHint("JPY", "zh-CN"), amountHint("CNY", "en")]).toEqual(["请输入类似 2.50 的金额。", "请输入类似 250 的金额。", "Use an amount like 2.50."]);
  });

  it("reads what people type, without floating point", () => {
    expect(parseMajor("2.50", "EUR")).toBe(250);
    expect(parseMajor("2,5", "EUR")).toBe(250);
    expect(parseMajor(" €3 ", "EUR")).toBe(300);
    expect(parseMajor("0.29", "EUR")).toBe(29);
    expect(parseMajor("12.34", "USD")).toBe(1234);
    expect(parseMajor("250", "JPY")).toBe(250);
    expect(parseMajor("1.25", "KWD")).toBe(1250);
    expect(parseMajor("", "EUR")).toBeNull();
  });

  it("refuses text that is not an amount in the currency", () => {
    for (const [text, currency] of [["2.a", "EUR"], ["2.505", "EUR"], ["abc", "USD"], ["-1", "EUR"], ["1.5", "JPY"], ["2.5.0", "EUR"], ["1.2345", "KWD"]] as const) {
      expect(parseMajor(text, currency), `${text} ${currency}`).toBeNaN();
    }
  });
});
