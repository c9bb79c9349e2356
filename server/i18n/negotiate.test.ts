import { describe, expect, it } from "vitest";
import { followsBrowser } from "~/server/web/locale-path";
import { localeFromAcceptLanguage } from "./negotiate";

describe("the browser's language", () => {
  it("reads any Chinese as Simplified Chinese and anything else as English", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-Hans-CN")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-TW,zh;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-GB,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9")).toBe("en");
  });

  it("weighs the browser's preferences", () => {
    expect(localeFromAcceptLanguage("en;q=0.5,zh-CN;q=0.9")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("de,en;q=0.9,zh;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr,zh;q=0.5")).toBe("zh-CN");
  });

  it("never fails on a missing or garbled header", () => {
    for (const header of [null, undefined, "", "*", ";;;", "x".repeat(5000), "zh-\u0000", "12-34,@@"]) expect(localeFromAcceptLanguage(header)).toBe("en");
  });
});

describe("which pages follow the browser", () => {
  it("consumer pages do; operator, technician and host pages follow the person's choice", () => {
    for (const path of ["/m/mch_1", "/order/ord_1", "/me", "/me/purchases/x", "/m"]) expect(followsBrowser(path)).toBe(true);
    for (const path of ["/", "/o/demo", "/orgs", "/h", "/sign-in", "/machines", "/media"]) expect(followsBrowser(path)).toBe(false);
  });
});
