import type { Locale } from "~/server/i18n/locales";
import type { SelectOption } from "../ui/searchable-select";

// The choices of an organization's time zone and currency, from the runtime's own lists.

let zones: SelectOption[] | undefined;

/** Every IANA time zone with its current UTC offset, for the time zone select. */
export function timeZoneOptions(): SelectOption[] {
  if (!zones) {
    const now = new Date();
    const names = Intl.supportedValuesOf("timeZone").filter((z) => z.includes("/"));
    zones = ["UTC", ...names].map((zone) => {
      const offset =
        new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" })
          .formatToParts(now)
          .find((p) => p.type === "timeZoneName")?.value ?? "";
      return { value: zone, label: zone.replace(/_/g, " "), hint: offset.replace("GMT", "UTC") || "UTC" };
    });
  }
  return zones;
}

const currencies = new Map<string, SelectOption[]>();

/** Every ISO 4217 currency with its name in the reader's language (found by its English name too), for the currency select. */
export function currencyOptions(locale?: Locale): SelectOption[] {
  // Plain "en", as the names always were (en-GB spells a few differently).
  const tag = locale === "zh-CN" ? locale : "en";
  let list = currencies.get(tag);
  if (!list) {
    const names = new Intl.DisplayNames([tag], { type: "currency" });
    const english = new Intl.DisplayNames(["en"], { type: "currency" });
    list = Intl.supportedValuesOf("currency").map((code) => {
      const name = names.of(code) ?? code;
      const englishName = english.of(code) ?? code;
      return { value: code, label: `${code} · ${name}`, keywords: name === englishName ? name : `${name} ${englishName}` };
    });
    currencies.set(tag, list);
  }
  return list;
}

// Regions whose currency is not the euro; anywhere else defaults to EUR.
const regionCurrency: Record<string, string> = {
  US: "USD", GB: "GBP", CH: "CHF", JP: "JPY", CN: "CNY", HK: "HKD", TW: "TWD", KR: "KRW", SG: "SGD",
  AU: "AUD", NZ: "NZD", CA: "CAD", MX: "MXN", BR: "BRL", AR: "ARS", CL: "CLP", CO: "COP", IN: "INR",
  ID: "IDR", MY: "MYR", TH: "THB", VN: "VND", PH: "PHP", ZA: "ZAR", NG: "NGN", KE: "KES", EG: "EGP",
  AE: "AED", SA: "SAR", IL: "ILS", TR: "TRY", PL: "PLN", CZ: "CZK", HU: "HUF", RO: "RON", SE: "SEK",
  NO: "NOK", DK: "DKK", IS: "ISK", UA: "UAH",
};

/** The browser's time zone, if it is one an organization can use. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && (zone.includes("/") || zone === "UTC") ? zone : "UTC";
}

/** The currency of the browser's region (from its language tag), else EUR. */
export function browserCurrency(): string {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const region = new Intl.Locale(tag).maximize().region;
    if (region) return regionCurrency[region] ?? "EUR";
  }
  return "EUR";
}
