import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "~/server/i18n/messages";
import { formatHours as hoursIn, stockoutsInWords as stockoutsIn, uptimeInWords as uptimeIn, type MonthForWords, type StatisticsWords } from "./plain-words";

const wordsIn = (locale: "en" | "zh-CN"): StatisticsWords => ({ t: createTranslator({ locale, messages: messagesFor(locale), namespace: "statistics.words" }), locale });
const en = wordsIn("en");
const formatHours = (hours: number) => hoursIn(hours, en);
const uptimeInWords = (m: MonthForWords) => uptimeIn(m, en);
const stockoutsInWords = (m: MonthForWords) => stockoutsIn(m, en);

const month = (over: Partial<MonthForWords>): MonthForWords => ({ month: "2026-11", uptime: 1, stockoutHours: 0, machines: [], products: [], ...over });

describe("hours in words", () => {
  it("says hours and minutes", () => {
    expect(formatHours(20 + 10 / 60)).toBe("20 h 10 min");
    expect(formatHours(0.75)).toBe("45 min");
    expect(formatHours(3)).toBe("3 h");
    expect(formatHours(1.5)).toBe("1 h 30 min");
    expect(formatHours(1936.2)).toBe("1,936 h");
  });
});

describe("uptime in words", () => {
  it("names the machines down longest, with hours read off the month", () => {
    // November has 720 hours: 88% up is 86.4 h down (about 86 h), 97.5% up is 18 h down.
    const text = uptimeInWords(
      month({
        uptime: 0.972,
        machines: [
          { label: "Pier kiosk", uptime: 0.975, stockoutHours: 0 },
          { label: "Station hall 1", uptime: 0.88, stockoutHours: 0 },
          { label: "Library", uptime: 1, stockoutHours: 0 },
          { label: "Never reported", uptime: null, stockoutHours: 0 },
        ],
      }),
    );
    expect(text).toBe(
      "Up 97.2% of the month: machines were silent in 2.8% of their hours. 2 of 3 machines missed hours, most of all Station hall 1 (up 88%, about 86 h down) and Pier kiosk (up 97.5%, about 18 h down).",
    );
  });

  it("counts the machines past the third", () => {
    const machines = [0.5, 0.6, 0.7, 0.8, 0.9].map((uptime, i) => ({ label: `M${i + 1}`, uptime, stockoutHours: 0 }));
    // February 2026 has 672 hours.
    expect(uptimeInWords(month({ month: "2026-02", uptime: 0.7, machines }))).toBe(
      "Up 70% of the month: machines were silent in 30% of their hours. 5 of 5 machines missed hours, most of all M1 (up 50%, about 336 h down), M2 (up 60%, about 269 h down) and M3 (up 70%, about 202 h down) and 2 more.",
    );
  });

  it("says so when every machine reported every hour, or none reported", () => {
    expect(uptimeInWords(month({ uptime: 1, machines: [{ label: "A", uptime: 1, stockoutHours: 0 }, { label: "B", uptime: 1, stockoutHours: 0 }] }))).toBe(
      "Up the whole month: all 2 machines reported in every hour.",
    );
    expect(uptimeInWords(month({ uptime: 1, machines: [{ label: "A", uptime: 1, stockoutHours: 0 }] }))).toBe("Up the whole month: the machine reported in every hour.");
    expect(uptimeInWords(month({ uptime: null }))).toBe("No machine reported this month, so there is no uptime to show.");
  });
});

describe("stockouts in words", () => {
  it("names the products empty longest, the rest together, and the machine with most", () => {
    const text = stockoutsInWords(
      month({
        stockoutHours: 41,
        products: [
          { label: "Water", stockoutHours: 12 },
          { label: "Cola", stockoutHours: 18 },
          { label: "Chips", stockoutHours: 5.5 },
          { label: "Bar", stockoutHours: 3 },
          { label: "Gum", stockoutHours: 2.5 },
          { label: "Tea", stockoutHours: 0 },
        ],
        machines: [
          { label: "Pier kiosk", stockoutHours: 19 },
          { label: "Station hall 1", stockoutHours: 22 },
        ],
      }),
    );
    expect(text).toBe("Slots were empty 41 slot-hours: Cola (18 h), Water (12 h), Chips (5 h 30 min) and 2 other products (5 h 30 min). Most at Station hall 1 (22 h).");
  });

  it("keeps it short for one product on one machine, and says when nothing ran empty", () => {
    expect(stockoutsInWords(month({ stockoutHours: 0.4, products: [{ label: "Cola", stockoutHours: 0.4 }], machines: [{ label: "A", stockoutHours: 0.4 }] }))).toBe(
      "Slots were empty 0.4 slot-hours: Cola (24 min).",
    );
    expect(stockoutsInWords(month({ stockoutHours: 0 }))).toBe("No slot ran empty this month.");
  });
});

describe("the words in Chinese", () => {
  it("writes hours, uptime and stockouts with Chinese units and lists", () => {
    const zh = wordsIn("zh-CN");
    expect(hoursIn(1.5, zh)).toBe("1 小时 30 分钟");
    expect(uptimeIn(month({ uptime: 1, machines: [{ label: "A", uptime: 1, stockoutHours: 0 }] }), zh)).toBe("整月在线：该机器每小时都有上报。");
    expect(
      stockoutsIn(month({ stockoutHours: 30, products: [{ label: "可乐", stockoutHours: 18 }, { label: "矿泉水", stockoutHours: 12 }], machines: [{ label: "A", stockoutHours: 30 }] }), zh),
    ).toBe("货道缺货共 30 货道小时：可乐（18 小时）和矿泉水（12 小时）。");
  });
});
