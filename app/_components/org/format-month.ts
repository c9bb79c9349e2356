import { intlLocale, type Locale } from "~/server/i18n/locales";

const formats = new Map<string, Intl.DateTimeFormat>();

/** "October 2026" (or "2026年10月") from "2026-10" (or "2026-10-01"), in the reader's language. */
export function formatMonth(month: string, locale?: Locale): string {
  const tag = intlLocale(locale);
  let format = formats.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { month: "long", year: "numeric", timeZone: "UTC" });
    formats.set(tag, format);
  }
  return format.format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));
}
