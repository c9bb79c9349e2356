// Telemetry in words and units, shared by the fleet table, the machine page and its timeline.
import { useTranslations } from "next-intl";
import { useFormat, type Format } from "~/app/_components/i18n/format";

/** The usual bands for cellular and Wi-Fi modems. */
export function signalQuality(dbm: number): "good" | "fair" | "weak" {
  return dbm >= -70 ? "good" : dbm >= -85 ? "fair" : "weak";
}

export type TelemetryFormat = ReturnType<typeof telemetryFormat>;

/** Temperature ("4.5 °C") and signal ("-67 dBm · good") with the messages and numbers of a language. */
export function telemetryFormat(t: ReturnType<typeof useTranslations<"machines.telemetry">>, f: Format) {
  return {
    temperature: (celsius: number) => `${f.decimal(celsius, 1, true)} °C`,
    signal: (dbm: number) => t("signal", { dbm, quality: signalQuality(dbm) }),
  };
}

/** Temperature and signal in the reader's language. */
export function useTelemetryFormat(): TelemetryFormat {
  return telemetryFormat(useTranslations("machines.telemetry"), useFormat());
}
