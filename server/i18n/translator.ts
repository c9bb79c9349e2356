import "server-only";
import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { messagesFor } from "./messages";

/**
 * The texts of what the server makes outside a page (PDFs, CSV headers, e-mails), in a language:
 * the `documents` namespace, rendered without React.
 */
export function documentsTranslator(locale: Locale = DEFAULT_LOCALE) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "documents" });
}

export type DocumentsTranslator = ReturnType<typeof documentsTranslator>;

/** A payment method in words ("WeChat Pay" for "wechat_pay", `common.paymentMethods`); an unknown one as it is, none as "None". */
export function paymentMethodWords(method: string | null, locale: Locale = DEFAULT_LOCALE): string {
  if (!method) return documentsTranslator(locale)("paymentMethods.none");
  const words: Readonly<Record<string, string>> = messagesFor(locale).common.paymentMethods;
  return Object.hasOwn(words, method) ? words[method]! : method;
}

/** A month (YYYY-MM or YYYY-MM-DD) in words: "March 2026", "2026年3月". */
export function monthWords(month: string, locale: Locale = DEFAULT_LOCALE): string {
  return new Date(`${month.slice(0, 7)}-01T00:00:00Z`).toLocaleString(locale === "en" ? "en-GB" : locale, { month: "long", year: "numeric", timeZone: "UTC" });
}
