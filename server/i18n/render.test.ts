import { describe, expect, it } from "vitest";
import { commonMessages, notFound, renderMessage, ServiceError, type Message } from "~/server/errors";

describe("service messages in the reader's language", () => {
  it("renders a code in Chinese with its parameters, the words among them too", () => {
    expect(renderMessage(commonMessages.not_found, { thing: "Machine" }, "zh-CN")).toBe("未找到售货机");
    expect(renderMessage(commonMessages.not_found, { thing: "Machine" })).toBe("Machine not found");
    expect(notFound("Location").localized("zh-CN").message).toBe("未找到点位");
  });

  it("keeps field errors on their fields in either language", () => {
    const error = new ServiceError("BAD_REQUEST", commonMessages.not_found, { thing: "Order" }, { field: "orderId" });
    expect(error.fieldErrors).toEqual({ orderId: ["Order not found"] });
    expect(error.localized("zh-CN").fieldErrors).toEqual({ orderId: ["未找到订单"] });
  });

  it("falls back to English for a message without a translation, leaving its parameters as given", () => {
    const untranslated: Message = { code: "render_test.only_english", en: "Nothing about {thing}" };
    expect(renderMessage(untranslated, { thing: "Machine" }, "zh-CN")).toBe("Nothing about Machine");
  });
});
