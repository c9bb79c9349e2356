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

let currencies: SelectOption[] | undefined;

/** Every ISO 4217 currency with its name, for the currency select. */
export function currencyOptions(): SelectOption[] {
  if (!currencies) {
    const names = new Intl.DisplayNames(["en"], { type: "currency" });
    currencies = Intl.supportedValuesOf("currency").map((code) => {
      const name = names.of(code) ?? code;
      return { value: code, label: `${code} · ${name}`, keywords: name };
    });
  }
  return currencies;
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
