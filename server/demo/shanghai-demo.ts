// The Shanghai demo operator, seeded on request (`npm start -- --china`): yuan, 13 % VAT, six weeks
// of history paid mostly with WeChat Pay and Alipay, people who read the app in Chinese.
import "server-only";

import type { DemoOperator, PaymentMix } from "./operator";
import { shanghaiLocations, shanghaiProducts } from "./shanghai-catalog";

const host = "host@shanghai-demo.example";
const technician = "technician@shanghai-demo.example";
/** Travellers pay a little more often by bank card (UnionPay, foreign cards). */
const travellers: PaymentMix = { wechat_pay: 48, alipay: 38, cash: 4, card: 10 };

export const shanghaiDemo: DemoOperator = {
  org: {
    name: "上海便利售货",
    slug: "shanghai-demo",
    timeZone: "Asia/Shanghai",
    currency: "CNY",
    supportEmail: "support@shanghai-demo.example",
    // Receipts print the seller's legal name, address and unified social credit code; prices include 13 % VAT (增值税).
    legalName: "上海便利售货有限公司",
    legalAddress: "中国上海市浦东新区\n世纪大道 100 号 20 楼\n邮编 200120",
    vatNumber: "91310115MA1K4C7Q2X",
    defaultVatRateBp: 1300,
  },
  people: [
    { name: "张伟", email: "owner@shanghai-demo.example", role: "owner", locale: "zh-CN" },
    { name: "李娜", email: "manager@shanghai-demo.example", role: "manager", locale: "zh-CN" },
    { name: "王强", email: technician, role: "technician", locale: "zh-CN" },
    { name: "刘洋", email: "viewer@shanghai-demo.example", role: "viewer", locale: "zh-CN" },
  ],
  products: shanghaiProducts,
  locations: shanghaiLocations,
  fleetSeed: "shanghai-demo-fleet",
  machineTypes: {
    drinks: { label: "饮料机", model: "HaiChuan HC-D24 饮料售货机" },
    snacks: { label: "零食机", model: "HaiChuan HC-S36 零食售货机" },
    combo: { label: "综合机", model: "HaiChuan HC-C32 综合售货机" },
    fresh: { label: "鲜食柜", model: "XianDa XD-F20 鲜食柜" },
  },
  premiumMinor: { airport: 150 },
  payments: {
    all: { wechat_pay: 56, alipay: 34, cash: 8, card: 2 },
    byKind: {
      // Older patients still pay cash; students almost never do.
      hospital: { wechat_pay: 50, alipay: 30, cash: 17, card: 3 },
      university: { wechat_pay: 66, alipay: 30, cash: 3, card: 1 },
      factory: { wechat_pay: 60, alipay: 22, cash: 17, card: 1 },
      airport: travellers,
      hotel: travellers,
    },
  },
  historyDays: 42,
  auditsOnlyMachine: "松江工业区 零食机",
  lossyMachine: "人民广场站 零食机",
  credentialsFile: "demo-machines-shanghai.json",
  routes: [
    { name: "一号线", driver: technician },
    { name: "二号线", driver: technician },
    { name: "三号线", driver: "manager@shanghai-demo.example" },
  ],
  visitCostMinor: 4000,
  shortDriver: technician,
  hosts: {
    host: { name: "陈静", email: host, locale: "zh-CN" },
    place: "LJZ",
    contactDomain: "shanghai-demo-hosts.example",
    contracts: {
      // A share of gross sales, raised to a share of net sales in the last closed month.
      LJZ: { rule: { basis: "gross", percentBp: 1000, contactEmails: [host] }, later: { basis: "net", percentBp: 1200, contactEmails: [host], notes: "重新商定：净销售额的 12%。" } },
      // Tiers on net sales: 12 % up to ¥8,000 a month, 15 % above.
      XJH: { rule: { basis: "net", tiers: [{ fromMinor: 0, percentBp: 1200 }, { fromMinor: 800_000, percentBp: 1500 }] } },
      // Cash and cashless at different rates, with a minimum guarantee.
      RJ: { rule: { basis: "gross", cashPercentBp: 800, cashlessPercentBp: 1000, minimumGuaranteeMinor: 60_000 } },
      // A flat monthly rent and an amount per unit sold.
      PVG: { rule: { basis: "gross", flatRentMinor: 250_000, perUnitMinor: 20 } },
      // A share of gross sales with a minimum guarantee.
      FDU: { rule: { basis: "gross", percentBp: 1000, minimumGuaranteeMinor: 50_000 } },
      // An amount per unit only.
      ZJ: { rule: { basis: "gross", perUnitMinor: 15 } },
      // Rent only.
      JA: { rule: { basis: "gross", flatRentMinor: 120_000 } },
      // A share of net sales with a minimum guarantee the hotel lobby's sales do not earn: a place that loses money.
      WT: { rule: { basis: "net", percentBp: 1500, minimumGuaranteeMinor: 300_000 } },
    },
    // WeChat Pay and Alipay charge merchants 0.6 %; UnionPay cards about the same.
    cardFees: [
      { paymentMethod: "card", percentBp: 60, fixedMinor: 0 },
      { paymentMethod: "online", percentBp: 60, fixedMinor: 0 },
      { paymentMethod: "alipay", percentBp: 60, fixedMinor: 0 },
      { paymentMethod: "wechat_pay", percentBp: 60, fixedMinor: 0 },
    ],
  },
};
