import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "~/server/i18n/messages";
import { amountInWords, contractInWords, percentInWords, type ContractRule, type ContractWords } from "./contract-words";

const rule = (over: Partial<ContractRule>): ContractRule => ({ basis: "net", currency: "EUR", ...over });
const wordsIn = (locale: "en" | "zh-CN"): ContractWords => ({ t: createTranslator({ locale, messages: messagesFor(locale), namespace: "hosts.contract" }), locale });
const en = wordsIn("en");

describe("a host contract in words", () => {
  it("writes rates as percentages and amounts as the contract would", () => {
    expect(percentInWords(1500, en)).toBe("15 %");
    expect(percentInWords(1250, en)).toBe("12.5 %");
    expect(percentInWords(725, en)).toBe("7.25 %");
    expect(amountInWords(50_000, "EUR", "en")).toBe("€500");
    expect(amountInWords(100, "EUR", "en")).toBe("€1");
    expect(amountInWords(150, "EUR", "en")).toBe("€1.50");
    expect(amountInWords(1200, "JPY", "en")).toBe("JP¥1,200");
  });

  it("says every part that is set, in the order they add up", () => {
    expect(
      contractInWords(
        rule({ percentBp: 1500, cashPercentBp: 1000, cashlessPercentBp: 1200, perUnitMinor: 100, flatRentMinor: 5000, minimumGuaranteeMinor: 8000 }),
        en,
      ),
    ).toBe("15 % of net sales; cash 10 %, cashless 12 %; €1 per unit; rent €50/month; at least €80/month");
  });

  it("names the basis of separate cash and cashless rates when there is no single rate", () => {
    expect(contractInWords(rule({ basis: "gross", cashPercentBp: 1000, cashlessPercentBp: 1250 }), en)).toBe("Cash 10 %, cashless 12.5 % of gross sales");
  });

  it("writes tiers as brackets, the last one open", () => {
    expect(contractInWords(rule({ tiers: [{ fromMinor: 0, percentBp: 1000 }, { fromMinor: 50_000, percentBp: 1500 }] }), en)).toBe(
      "Tiers on monthly net sales: €0–€500 10 %, above €500 15 %",
    );
    expect(
      contractInWords(
        rule({
          tiers: [
            { fromMinor: 0, percentBp: 500 },
            { fromMinor: 50_000, percentBp: 1000 },
            { fromMinor: 100_000, percentBp: 1500 },
          ],
        }),
        en,
      ),
    ).toBe("Tiers on monthly net sales: €0–€500 5 %, €500–€1,000 10 %, above €1,000 15 %");
  });

  it("says a rent or a per-unit amount alone, and when nothing is owed", () => {
    expect(contractInWords(rule({ flatRentMinor: 5000 }), en)).toBe("Rent €50/month");
    expect(contractInWords(rule({ perUnitMinor: 25 }), en)).toBe("€0.25 per unit");
    expect(contractInWords(rule({}), en)).toBe("No commission");
  });

  it("writes the same rule in Chinese, with Chinese numbers and punctuation", () => {
    const zh = wordsIn("zh-CN");
    expect(contractInWords(rule({ percentBp: 1500, flatRentMinor: 5000 }), zh)).toBe("净销售额的 15%；租金 €50/月");
    expect(contractInWords(rule({}), zh)).toBe("无佣金");
  });
});
