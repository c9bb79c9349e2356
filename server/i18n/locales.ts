// The languages the app speaks, for the server and the browser alike. English is the default and
// the language of the code; Simplified Chinese is written for operators in mainland China.

export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language in its own words, as a language menu lists them. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The Intl locale that formats numbers, money and dates for a language: British conventions for
 * English (24-hour clock, day before month), Chinese ones for Chinese.
 */
export function intlLocale(locale: Locale | undefined): string {
  return locale === "zh-CN" ? "zh-CN" : "en-GB";
}
