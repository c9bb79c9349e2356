import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { MonthlyFigures, MonthlyStatistics } from "~/db/schema";
import { alertHeading, alertText, ruleLabel } from "~/server/alerts/contract";
import { statisticsCsv } from "~/server/analytics";
import { describeRule, statementCsv } from "~/server/hosts";
import type { HostStatementDetail } from "~/server/hosts/contract";
import { documentsTranslator, monthWords, paymentMethodWords } from "./translator";

const BOM = "\uFEFF";

describe("the documents translator", () => {
  it("renders the documents namespace in each language, payment methods and months too", () => {
    expect(documentsTranslator("en")("receipt.heading")).toBe("Receipt");
    expect(documentsTranslator("zh-CN")("receipt.heading")).toBe("收据");
    expect(documentsTranslator()("receipt.questions", { email: "a@b.c" })).toBe("Questions about this purchase: a@b.c");
    expect([paymentMethodWords("wechat_pay"), paymentMethodWords("wechat_pay", "zh-CN"), paymentMethodWords(null, "zh-CN"), paymentMethodWords("barter", "zh-CN")]).toEqual([
      "WeChat Pay",
      "微信支付",
      "无",
      "barter",
    ]);
    expect([monthWords("2026-03"), monthWords("2026-03-01", "zh-CN")]).toEqual(["March 2026", "2026年3月"]);
  });

  it("says a technician's route of the day with English plurals as before, counts ungrouped", () => {
    const title = (locale: "en" | "zh-CN", stops: number, units: number) =>
      documentsTranslator(locale)("routeNotice.title", { stops, stopCount: String(stops), units, unitCount: String(units) });
    expect([title("en", 1, 1), title("en", 2, 1234)]).toEqual(["Today's route: 1 stop, 1 unit", "Today's route: 2 stops, 1234 units"]);
    expect(title("zh-CN", 2, 1234)).toBe("今日线路：2 个站点，1234 件");
  });
});

const rule: HostStatementDetail["contract"] = {
  contractId: "hct_1",
  effectiveFrom: "2026-01",
  basis: "gross",
  percentBp: null,
  cashPercentBp: 500,
  cashlessPercentBp: null,
  tiers: [
    { fromMinor: 0, percentBp: 1000 },
    { fromMinor: 100_000, percentBp: 1500 },
  ],
  perUnitMinor: 10,
  flatRentMinor: null,
  minimumGuaranteeMinor: null,
  currency: "CNY",
};

describe("a host contract's rule in words", () => {
  it("reads in English as before and in Chinese", () => {
    expect(describeRule(rule)).toEqual([
      "5 % of cash gross sales",
      "Tiered on cashless gross sales: 10 % from 0.00 CNY to 1,000.00 CNY; 15 % above 1,000.00 CNY",
      "0.10 CNY per unit sold",
    ]);
    expect(describeRule(rule, "zh-CN")).toEqual([
      "现金含税销售额的 5 %",
      "按非现金含税销售额阶梯计算：0.00 CNY 至 1,000.00 CNY：10 %；超过 1,000.00 CNY：15 %",
      "每售出一件 0.10 CNY",
    ]);
  });
});

const statement = {
  locationName: "北京南站",
  month: "2026-10",
  status: "sent",
  revision: 0,
  units: 3,
  grossMinor: 900,
  refundsMinor: 0,
  vatMinor: 100,
  netMinor: 800,
  commissionMinor: 100,
  totalMinor: 100,
  currency: "CNY",
  contract: rule,
  lines: [{ machineId: "mch_1", machineName: "1 号售货机", paymentMethod: "alipay", units: 3, grossMinor: 900, refundsMinor: 0, vatMinor: 100, netMinor: 800 }],
  breakdown: { percentMinor: 90, perUnitMinor: 10, flatRentMinor: 0, minimumTopUpMinor: 0, commissionMinor: 100 },
  adjustments: [],
} as unknown as HostStatementDetail;

const figures: MonthlyFigures = {
  revenueMinor: 900,
  costMinor: 300,
  marginMinor: 600,
  units: 3,
  tickets: 3,
  averageTicketMinor: 300,
  failedVends: 0,
  refunds: 0,
  refundMinor: 0,
  failureRate: 0,
  stockoutHours: 0,
  uptime: 1,
};
const stats: MonthlyStatistics = {
  orgId: "org_1",
  month: "2026-10-01",
  timeZone: "Asia/Shanghai",
  currency: "CNY",
  figures,
  previousMonth: null,
  previousYear: null,
  breakdowns: { machines: [{ ...figures, key: "mch_1", label: "1 号售货机" }], locations: [], products: [], paymentMethods: [] },
  generatedAt: new Date("2026-11-01T00:00:00Z"),
  stale: false,
  revisedAt: null,
};

describe("CSV files for spreadsheets", () => {
  it("a host statement: a byte order mark, Chinese headers for a Chinese reader, the English column names otherwise", () => {
    const zh = statementCsv(statement, "zh-CN");
    expect(zh.startsWith(BOM)).toBe(true);
    expect(zh.slice(1).split("\n")[0]).toBe("分类,售货机,支付方式,件数,含税销售额,退款,增值税,净额,金额,说明,币种");
    expect(zh).toContain("line,1 号售货机,alipay,3,9.00,0.00,1.00,8.00,,,CNY");
    const en = statementCsv(statement);
    expect(en.startsWith(`${BOM}section,machine,payment_method,units,gross,refunds,vat,net,amount,reason,currency\n`)).toBe(true);
    expect(parse(en, { bom: true, columns: true })[0]).toMatchObject({ section: "line", machine: "1 号售货机" });
  });

  it("monthly statistics: a byte order mark and Chinese headers", () => {
    const options = { orgName: "京售", paymentMethodLabel: (m: string) => m, locale: "zh-CN" as const };
    const rows = parse(statisticsCsv(stats, options), { bom: true }) as string[][];
    expect(rows[0]!.slice(0, 4)).toEqual(["分类", "键", "名称", "销售额"]);
    expect(rows[1]!.slice(0, 4)).toEqual(["month", "2026-10", "京售", "9.00"]);
    expect(statisticsCsv(stats, { ...options, locale: "en" }).startsWith(`${BOM}section,key,name,revenue,`)).toBe(true);
  });
});

describe("alert texts in a language", () => {
  const lowStock = { rule: "low_stock", code: "A1", data: { slot: "A1", stock: 2, par: 10 } };

  it("render the rule, heading and text in Chinese, and in English by default", () => {
    expect([ruleLabel("low_stock"), ruleLabel("low_stock", "zh-CN"), ruleLabel("no_such_rule", "zh-CN")]).toEqual(["Low stock", expect.stringMatching(/[\u4e00-\u9fff]/), "no_such_rule"]);
    expect(alertHeading(lowStock)).toBe("Low stock A1");
    expect(alertHeading(lowStock, "zh-CN")).toBe(`${ruleLabel("low_stock", "zh-CN")} A1`);
    expect(alertText(lowStock)).toBe("Slot A1 is low: 2 of par 10.");
    expect(alertText(lowStock, "zh-CN")).toMatch(/A1/);
    expect(alertText(lowStock, "zh-CN")).toMatch(/[\u4e00-\u9fff]/);
    const owed = { rule: "cash_refund_owed", code: "cash_refund_owed", data: { slot: "B2", amountMinor: 250, currency: "CNY", saleId: "sal_1" } };
    expect(alertText(owed)).toBe("A cash vend failed at slot B2: 2.50 CNY is owed back in cash.");
    expect(alertText(owed, "zh-CN")).toContain("2.50 CNY");
  });
});
