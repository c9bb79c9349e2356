import "server-only";
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./locales";

/**
 * The language a browser asks for in its Accept-Language header, among ours: any Chinese
 * ("zh", "zh-Hans", "zh-CN", "zh-TW") reads Simplified Chinese; anything else, or nothing, English.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const asked = new Negotiator({ headers: { "accept-language": header } }).languages().filter((tag) => tag !== "*");
  if (asked.length === 0) return DEFAULT_LOCALE;
  // The matcher throws on tags it cannot parse; a browser's garbage never fails a page.
  const valid = asked.filter((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length > 0;
    } catch {
      return false;
    }
  });
  // Chinese in any script or region is served Simplified Chinese, the only Chinese we write.
  const mapped = valid.map((tag) => (/^zh\b/i.test(tag) ? "zh-CN" : tag));
  const found = match(mapped, [...LOCALES], DEFAULT_LOCALE, { algorithm: "best fit" });
  return isLocale(found) ? found : DEFAULT_LOCALE;
}
