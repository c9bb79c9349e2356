// Telemetry in words and units, shared by the fleet table, the machine page and its timeline.

const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "4.5 °C". */
export function formatTemperature(celsius: number): string {
  return `${oneDecimal.format(celsius)} °C`;
}

/** "-67 dBm · good": the usual bands for cellular and Wi-Fi modems. */
export function formatSignal(dbm: number): string {
  const quality = dbm >= -70 ? "good" : dbm >= -85 ? "fair" : "weak";
  return `${dbm} dBm · ${quality}`;
}
