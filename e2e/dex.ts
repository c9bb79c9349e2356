// Audit files (DEX / EVA-DTS) for specs, written as a controller writes them: since-initialisation
// counters, the read time on the machine's clock, and a correct G85 CRC.

/** CRC-16/ARC (poly 0xA001 reflected, init 0), the check value of G85. */
function crc16arc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export interface SpecAudit {
  serial: string;
  /** When it was read; written in `timeZone` as the machine's clock would. */
  readAt: Date;
  timeZone: string;
  currency?: string;
  selections: { selection: string; price: number; count: number }[];
  /** Cash taken (CA201); the paid value when not given. */
  cash?: number;
  coinTubes?: { value: number; count: number }[];
}

/** `YYYYMMDD` and `HHMMSS` of an instant on a clock in `timeZone`. */
export function machineClock(at: Date, timeZone: string) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}${p.month}${p.day}`, time: `${p.hour}${p.minute}${p.second}` };
}

/** The audit file's bytes (CRLF line endings, latin1). */
export function dexFile(a: SpecAudit): Buffer {
  const paidCount = a.selections.reduce((n, s) => n + s.count, 0);
  const paidValue = a.selections.reduce((n, s) => n + s.count * s.price, 0);
  const records = ["ST*001*0001", `ID1*${a.serial}*SPEC MODEL**0`, `ID4*2*1978*${a.currency ?? "EUR"}`, `VA1*${paidValue}*${paidCount}*0*0`, `CA2*${a.cash ?? paidValue}*${paidCount}*0*0`];
  for (const [i, t] of (a.coinTubes ?? []).entries()) records.push(`CA17*${i}*${t.value}*${t.count}*0*0*0`);
  for (const s of a.selections) records.push(`PA1*${s.selection}*${s.price}`, `PA2*${s.count}*${s.count * s.price}*0*0`);
  const { date, time } = machineClock(a.readAt, a.timeZone);
  records.push(`EA3*1*${date}*${time}`);
  const crc = crc16arc(Buffer.from(records.map((r) => `${r}\r\n`).join(""), "latin1"));
  records.push(`G85*${crc.toString(16).toUpperCase().padStart(4, "0")}`);
  records.push(`SE*${records.length + 1}*0001`);
  return Buffer.from(["DXS*SPEC000001*VA*V0/6*1", ...records, "DXE*1*1"].map((r) => `${r}\r\n`).join(""), "latin1");
}
