import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "~/server/i18n/messages";
import { paymentMethods } from "~/server/sales/contract";
import { currencyOptions } from "../org/org-choices";
import { formatMonth } from "../org/format-month";
import { paymentMethodLabels, paymentMethodWords } from "./payment-methods";
import { refundOriginLabels, refundStatusLabels, refundWords } from "./refund-labels";

const translators = (locale: "en" | "zh-CN") => {
  const messages = messagesFor(locale);
  return {
    methods: createTranslator({ locale, messages, namespace: "common.paymentMethods" }),
    refunds: refundWords(createTranslator({ locale, messages, namespace: "common.refundStatus" }), createTranslator({ locale, messages, namespace: "common.refundOrigin" })),
  };
};

describe("labels in the reader's language", () => {
  it("says every payment method and refund state in English as the English exports do, and in Chinese", () => {
    const en = translators("en");
    const zh = translators("zh-CN");
    for (const method of paymentMethods) expect(paymentMethodWords(en.methods, method)).toBe(paymentMethodLabels[method]);
    for (const [status, label] of Object.entries(refundStatusLabels)) expect(en.refunds.status(status)).toBe(label);
    for (const [origin, label] of Object.entries(refundOriginLabels)) expect(en.refunds.origin(origin)).toBe(label);
    expect(paymentMethodWords(zh.methods, "wechat_pay")).toBe("微信支付");
    expect(paymentMethodWords(zh.methods, "alipay")).toBe("支付宝");
    expect(zh.refunds.status("succeeded")).toBe("已退款");
    expect(zh.refunds.origin("request")).toBe("顾客申请");
  });

  it("leaves a value new to the messages as it is instead of showing a message key", () => {
    const zh = translators("zh-CN");
    expect(paymentMethodWords(zh.methods, "barter")).toBe("barter");
    expect(zh.refunds.status("on_hold")).toBe("on_hold");
  });

  it("names months and currencies in the reader's language, English as before", () => {
    expect(formatMonth("2026-10")).toBe("October 2026");
    expect(formatMonth("2026-10-01", "zh-CN")).toBe("2026年10月");
    expect(currencyOptions().find((o) => o.value === "EUR")?.label).toBe("EUR · Euro");
    const yuan = currencyOptions("zh-CN").find((o) => o.value === "CNY");
    expect(yuan?.label).toBe("CNY · 人民币");
    expect(yuan?.keywords).toContain("Chinese Yuan");
  });
});
