import { describe, expect, it } from "vitest";
import type { MonthlyFigures, MonthlyStatistics } from "~/db/schema";
import { statisticsPdf } from "~/server/analytics";
import type { ReceiptDocument } from "~/server/consumers/contract";
import { receiptPdf } from "~/server/consumers";
import { stickersPdf } from "~/server/fleet";
import type { HostStatementDetail } from "~/server/hosts/contract";
import { statementPdf } from "~/server/hosts";
import { pdfPlainText, pdfTexts } from "~/test/pdf-text";

// Characters a Chinese operator's data holds: common ones, and rarer ones beyond GB2312 (喆, 犇, 鑫 are
// in every name list; 䶮 is in Extension A), which web-font subsets of Noto Sans SC leave out.
const product = "农夫山泉矿泉水 喆犇鑫";
const place = "北京南站 二层候车厅 䶮";

const receipt: ReceiptDocument = {
  number: "sal_123",
  occurredAt: new Date("2026-10-05T02:30:00Z"),
  timeZone: "Asia/Shanghai",
  currency: "CNY",
  seller: { name: "京售", legalName: "北京京售科技有限公司", address: "北京市朝阳区建国路 1 号", vatNumber: "91110000MA01", supportEmail: "help@example.cn" },
  machineName: "1 号售货机",
  location: place,
  paymentMethod: "wechat_pay",
  status: "dispensed",
  lines: [
    { kind: "item", description: product, quantity: 1, unitPriceMinor: 350, grossMinor: 350, vatRateBp: 1300, vatMinor: 40 },
    { kind: "refund", description: `Refund: ${product}`, quantity: 1, unitPriceMinor: -350, grossMinor: -350, vatRateBp: 1300, vatMinor: -40 },
  ],
  vatTotals: [{ vatRateBp: 1300, netMinor: 0, vatMinor: 0, grossMinor: 0 }],
  totals: { netMinor: 0, vatMinor: 0, grossMinor: 0 },
  pendingRefund: { status: "pending", amountMinor: 350 },
};

const statement: HostStatementDetail = {
  id: "hst_1",
  locationId: "loc_1",
  locationName: place,
  month: "2026-10",
  status: "approved",
  revision: 1,
  units: 120,
  grossMinor: 42_000,
  refundsMinor: 350,
  vatMinor: 4_800,
  netMinor: 36_850,
  commissionMinor: 5_000,
  adjustmentsMinor: -500,
  totalMinor: 4_500,
  currency: "CNY",
  generatedAt: new Date("2026-11-01T00:00:00Z"),
  revisedAt: null,
  revisionNote: "迟到的销售已计入",
  approvedAt: new Date("2026-11-02T00:00:00Z"),
  sentAt: null,
  paidAt: null,
  contractId: "hct_1",
  contract: { contractId: "hct_1", effectiveFrom: "2026-01", basis: "net", percentBp: 1000, cashPercentBp: null, cashlessPercentBp: null, tiers: null, perUnitMinor: null, flatRentMinor: 2_000, minimumGuaranteeMinor: 3_000, currency: "CNY" },
  lines: [{ machineId: "mch_1", machineName: "1 号售货机", paymentMethod: "alipay", units: 120, grossMinor: 42_000, refundsMinor: 350, vatMinor: 4_800, netMinor: 36_850 }],
  breakdown: { percentMinor: 3_000, perUnitMinor: 0, flatRentMinor: 2_000, minimumTopUpMinor: 0, commissionMinor: 5_000 },
  adjustments: [{ id: "adj_1", amountMinor: -500, reason: "电费分摊", createdBy: null, createdByName: null, createdAt: new Date("2026-11-02T00:00:00Z") }],
  approvedBy: null,
  recipients: [],
};

const figures: MonthlyFigures = {
  revenueMinor: 1_234_567,
  costMinor: 456_789,
  marginMinor: 777_778,
  units: 4321,
  tickets: 4000,
  averageTicketMinor: 285,
  failedVends: 12,
  refunds: 10,
  refundMinor: 2500,
  otherRefunds: 3,
  otherRefundMinor: 1200,
  failureRate: 0.02,
  stockoutHours: 12,
  uptime: 0.98,
};
const stats: MonthlyStatistics = {
  orgId: "org_zh",
  month: "2026-10-01",
  timeZone: "Asia/Shanghai",
  currency: "CNY",
  figures,
  previousMonth: figures,
  previousYear: null,
  breakdowns: {
    machines: [{ ...figures, key: "mch_1", label: "1 号售货机" }],
    locations: [{ ...figures, key: "loc_1", label: place }],
    products: [{ ...figures, key: "prd_1", label: product }],
    paymentMethods: [{ ...figures, key: "wechat_pay", label: "wechat_pay" }],
  },
  generatedAt: new Date("2026-11-02T00:00:00Z"),
  stale: false,
  revisedAt: null,
};
const statsOptions = { orgName: "京售", paymentMethodLabel: (m: string) => (m === "wechat_pay" ? "微信支付" : m) };

/** The text pdftotext reads, without the spaces and line breaks its layout puts between words. */
const read = (pdf: Buffer) => pdfPlainText(pdf).replace(/\s+/g, "");
const squeeze = (text: string) => text.replace(/\s+/g, "");

describe("PDFs in Simplified Chinese", () => {
  it("a receipt: its labels, the payment method, rare characters of a product and a place, the refund line and note", async () => {
    const pdf = await receiptPdf(receipt, "zh-CN");
    const text = read(pdf);
    for (const words of ["收据", "收据编号", "支付方式", "微信支付", "增值税率", "合计", "价格已含增值税。", "已出货", `退款：${product}`, product, place, "北京京售科技有限公司", "增值税号：91110000MA01"]) {
      expect(text).toContain(squeeze(words));
    }
    expect(text).toContain(squeeze("3.50 CNY 的退款正在按原支付方式退回。"));
    // Only the glyphs used are embedded: a page, not the 10 MB font.
    expect(pdf.length).toBeLessThan(120_000);
    expect(pdf.toString("latin1")).toContain("/FontFile2");
  });

  it("a receipt in English stays as it was: the standard fonts, nothing embedded, the English words", async () => {
    const english = { ...receipt, seller: { ...receipt.seller, legalName: "Beijing Vending Ltd", name: "BV", address: null }, location: "Station", lines: [receipt.lines[0]!], pendingRefund: null };
    const pdf = await receiptPdf({ ...english, lines: [{ ...receipt.lines[0]!, description: "Water" }] });
    const shown = pdfTexts(pdf).map((t) => t.text);
    expect(shown).toEqual(expect.arrayContaining(["Receipt", "Receipt number", "WeChat Pay", "Dispensed", "Water", "Prices include VAT."]));
    expect(pdf.toString("latin1")).not.toContain("/FontFile2");
  });

  it("a host statement: headings, the rule in words, sales, commission, adjustment and the status", async () => {
    const text = read(await statementPdf(statement, { orgName: "京售", timeZone: "Asia/Shanghai", locale: "zh-CN" }));
    for (const words of [
      `场地方结算单：${place}`,
      "2026年10月",
      "状态：已批准",
      "第 1 次修订",
      "佣金规则",
      "净销售额（扣除退款和增值税后）的 10 %",
      "每月固定租金 20.00 CNY",
      "每月保底 30.00 CNY",
      "按售货机和支付方式的销售",
      "支付宝",
      "调整：电费分摊",
      "应付场地方合计",
      "迟到的销售已计入",
    ]) {
      expect(text).toContain(squeeze(words));
    }
  });

  it("monthly statistics: the title, the month, figures and every breakdown's heading", async () => {
    const text = read(await statisticsPdf(stats, { ...statsOptions, locale: "zh-CN" }));
    for (const words of ["京售：月度统计", "2026年10月", "本月", "环比", "销售额", "客单价", "售货机在线率", "按售货机", "按点位", "按商品", "按支付方式", "微信支付", product, place, "12,345.67 CNY"]) {
      expect(text).toContain(squeeze(words));
    }
  });

  it("QR stickers: the call to scan, and the machine's and place's Chinese names as they are", async () => {
    const pdf = await stickersPdf([{ machineId: "mch_1", name: "1 号售货机", locationName: place, address: "" }], {
      orgName: "京售",
      baseUrl: "https://vend.example.cn",
      layout: "single",
      locale: "zh-CN",
    });
    const text = read(pdf);
    for (const words of ["扫码支付", "1 号售货机", place, "京售", "vend.example.cn/m/mch_1"]) expect(text).toContain(squeeze(words));
  });
});
