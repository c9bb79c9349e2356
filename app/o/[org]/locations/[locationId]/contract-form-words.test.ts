import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "~/server/i18n/messages";
import { formValuesFrom, toSaveFields, type ContractFormTexts, type ContractFormValues } from "./contract-form-values";

const zh: ContractFormTexts = createTranslator({ locale: "zh-CN", messages: messagesFor("zh-CN"), namespace: "locations.contractForm.problems" });
const form = (over: Partial<ContractFormValues>): ContractFormValues => ({ ...formValuesFrom(null, "2026-11"), ...over });

describe("the contract form's problems in Chinese", () => {
  it("ask for the rate, the month and each tier in the reader's language", () => {
    expect(toSaveFields(form({ kind: "percent", percent: "" }), "EUR", zh).errors.percentBp).toEqual(["请输入比例。"]);
    expect(toSaveFields(form({ effectiveFrom: "" }), "EUR", zh).errors.effectiveFrom).toEqual(["请选择合同开始的月份。"]);
    expect(toSaveFields(form({ kind: "tiers", tiers: [{ from: "0", percent: "x" }] }), "EUR", zh).errors.tiers).toEqual(["第 1 档：请输入 0 到 100 之间的比例，例如 12.5。"]);
  });
});
