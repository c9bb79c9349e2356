// DEX/EVA-DTS audit files as a vending machine controller writes them, for the audit upload of
// docs/machine-audits-v1.md. Dependency-free on purpose (no Node built-ins either): this is what a
// machine maker or telemetry-box vendor would copy. The output is bytes, not a string: a real file
// may carry bytes that are not UTF-8 (in a vendor wrapper), and the upload is signed over bytes.

/** A count of vends and their value in minor units (at the file's decimal point). */
export interface DexTally {
  count: number;
  valueMinor: number;
}

/** One selection (one product button or slot): a PA1 record and its PA2. */
export interface DexSelection {
  /** PA101 exactly as written: "11", "23", "A1", "01"... */
  selection: string;
  /** PA102: the selection's price. */
  priceMinor: number;
  /** PA201 and PA202: paid vends since initialisation. */
  paid: DexTally;
  /** PA203 and PA204: paid vends since the last reset. Default: the same as `paid` (a machine that never resets). */
  paidSinceReset?: DexTally;
  /** PA103, the product identifier, when the controller knows one. */
  product?: string;
}

/** A coin tube of the changer (CA17): the coin it holds and how many are in it. */
export interface DexCoinTube {
  coinMinor: number;
  count: number;
}

/**
 * The counters a controller keeps since it was initialised (and since its last reset). Paid
 * vends are cash plus cashless; `paid.valueMinor` should equal the sum of the selections' paid values.
 */
export interface DexCounters {
  /** VA101 (value) and VA102 (count): paid vends since initialisation. */
  paid: DexTally;
  /** CA201 (value) and CA202 (count): cash sales since initialisation. */
  cash: DexTally;
  /** DA201 (value) and DA202 (count): sales on cashless device 1 since initialisation. */
  cashless: DexTally;
  /** VA103/VA104, CA203/CA204, DA203/DA204. Default: the same as since initialisation. */
  sinceReset?: { paid: DexTally; cash: DexTally; cashless: DexTally };
  /** One PA1 + PA2 per selection, in this order. */
  selections: DexSelection[];
  /** CA17 records, tube 0 first; none when omitted. */
  coinTubes?: DexCoinTube[];
}

export interface DexWriteOptions {
  /** ID101, the machine's serial number (also DXS01 unless `communicationId` is given). */
  serial: string;
  /** ID102, the machine's model. */
  model?: string;
  /** When the audit was read (ID5 and EA302/EA303), written in the machine's local time. */
  readAt: Date | number;
  /** The IANA time zone of the machine's clock. Default UTC. */
  timeZone?: string;
  /** The previous read (EA305/EA306); left empty when null or not given. */
  previousReadAt?: Date | number | null;
  /** EA301, the number of reads so far including this one. Default 1. */
  readCount?: number;
  /** ISO 4217 alphabetic code (ID403). */
  currency: string;
  /** ID401, digits after the decimal point. Default: the currency's usual minor unit (2 when unknown). */
  decimals?: number;
  /** ID402 as written, e.g. "1978". Default: "1" + the ISO numeric code when known, else empty. */
  numericCurrency?: string;
  /** DXS01, the communication id (10 characters). Default: the serial's last 10 characters. */
  communicationId?: string;
  /** Record separator. Default "crlf" (as EVA-DTS writes it); "lf" imitates a file that went through a text-mode copy. */
  lineEnding?: "crlf" | "lf";
  /**
   * Bytes a vendor puts before `DXS*` on the same line (see `vendorWrapper`). A string is written
   * one byte per character (Latin-1), so "\xd1" is the byte 0xD1.
   */
  wrapper?: string | Uint8Array;
  /** Bytes after the last record (e.g. "<AAAA|BBBB>"), written the same way as `wrapper`. */
  trailer?: string | Uint8Array;
  /**
   * The G85 CRC: "standard" covers ST through the CRLF before G85; "no-last-crlf" stops at the
   * end of the record before G85 (one controller family does); "none" writes no G85.
   */
  crc?: "standard" | "no-last-crlf" | "none";
}

const CRLF = "\r\n";

/** CRC-16/ARC lookup table: poly 0x8005 reflected (0xA001), init 0, no final xor. */
const CRC_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
    table[byte] = crc;
  }
  return table;
})();

/**
 * CRC-16/ARC, the CRC of a DEX file's G85 record. Check value: "123456789" gives 0xBB3D. Pass an
 * earlier result as `crc` to go on: `crc16Arc(b, crc16Arc(a))` is the CRC of a then b.
 */
export function crc16Arc(bytes: Uint8Array, crc = 0): number {
  let value = crc & 0xffff;
  for (const byte of bytes) value = (value >>> 8) ^ CRC_TABLE[(value ^ byte) & 0xff]!;
  return value;
}

/** ISO 4217 numeric codes of the currencies a vending operator is likely to use. */
const NUMERIC_CURRENCY: Record<string, string> = {
  AUD: "036", BRL: "986", CAD: "124", CHF: "756", CNY: "156", CZK: "203", DKK: "208", EUR: "978",
  GBP: "826", HKD: "344", HUF: "348", INR: "356", JPY: "392", KRW: "410", MXN: "484", NOK: "578",
  NZD: "554", PLN: "985", RON: "946", SEK: "752", SGD: "702", TRY: "949", USD: "840", ZAR: "710",
};

/** The usual number of minor-unit digits of a currency (2 when unknown). */
export function currencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A time on the machine's clock in `timeZone`: `yyyy`, `MM`, `dd`, `HH`, `mm`, `ss` as zero-padded strings. */
export function localClock(at: Date | number, timeZone = "UTC") {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(+at).map((p) => [p.type, p.value]));
  return { yyyy: parts.year!.padStart(4, "0"), MM: parts.month!, dd: parts.day!, HH: parts.hour!, mm: parts.minute!, ss: parts.second! };
}

/** Text one byte per character (Latin-1); characters above U+00FF become "?". */
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? 0x3f : code;
  });
}

const asBytes = (x: string | Uint8Array | undefined) => (x === undefined ? new Uint8Array(0) : typeof x === "string" ? latin1(x) : x);

/** An element: no `*` (the separator) and no line breaks; surrounding spaces trimmed. */
function element(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`DEX numbers are unsigned integers, not ${value}`);
    return String(value);
  }
  return value.replace(/[*\r\n]/g, " ").trim();
}

const record = (id: string, ...elements: (string | number | undefined | null)[]) => {
  const values = elements.map(element);
  while (values.length > 0 && values[values.length - 1] === "") values.pop();
  return [id, ...values].join("*");
};

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Writes an EVA-DTS audit file (DXS, ST, ID1, ID4, ID5, VA1, CA2, CA17, DA2, PA1/PA2 per
 * selection, EA3, G85, SE, DXE) from a machine's counters, as the bytes a machine would upload.
 * Records are separated by CRLF (or LF with `lineEnding: "lf"`); the G85 CRC is CRC-16/ARC over
 * the records from `ST` through the line ending before G85, computed with CRLF line endings
 * whatever `lineEnding` is (as the audit contract defines it). Money is written as given, in
 * minor units at the file's decimal point (ID401).
 *
 * @example
 * const body = writeDexAudit(
 *   { paid: { count: 3, valueMinor: 450 }, cash: { count: 1, valueMinor: 150 }, cashless: { count: 2, valueMinor: 300 },
 *     selections: [{ selection: "11", priceMinor: 150, paid: { count: 3, valueMinor: 450 } }] },
 *   { serial: "VC240001234", model: "CD24", currency: "EUR", readAt: new Date(), timeZone: "Europe/Berlin" },
 * );
 */
export function writeDexAudit(counters: DexCounters, options: DexWriteOptions): Uint8Array {
  const clock = localClock(options.readAt, options.timeZone);
  const previous = options.previousReadAt == null ? null : localClock(options.previousReadAt, options.timeZone);
  const currency = options.currency.toUpperCase();
  const decimals = options.decimals ?? currencyDecimals(currency);
  const numeric = options.numericCurrency ?? (NUMERIC_CURRENCY[currency] ? `1${NUMERIC_CURRENCY[currency]}` : "");
  const reset = counters.sinceReset ?? { paid: counters.paid, cash: counters.cash, cashless: counters.cashless };
  const serial = element(options.serial);
  const communicationId = element(options.communicationId ?? serial.replace(/[^A-Za-z0-9]/g, "").slice(-10).padStart(10, "0"));

  const body: string[] = [
    record("ST", "001", "0001"),
    record("ID1", serial, options.model, "", "0"),
    record("ID4", decimals, numeric, currency),
    record("ID5", `${clock.yyyy}${clock.MM}${clock.dd}`, `${clock.HH}${clock.mm}`),
    record("VA1", counters.paid.valueMinor, counters.paid.count, reset.paid.valueMinor, reset.paid.count),
    record("CA2", counters.cash.valueMinor, counters.cash.count, reset.cash.valueMinor, reset.cash.count),
    ...(counters.coinTubes ?? []).map((tube, i) => record("CA17", String(i).padStart(2, "0"), tube.coinMinor, tube.count)),
    record("DA2", counters.cashless.valueMinor, counters.cashless.count, reset.cashless.valueMinor, reset.cashless.count),
  ];
  for (const s of counters.selections) {
    const sinceReset = s.paidSinceReset ?? s.paid;
    body.push(record("PA1", s.selection, s.priceMinor, s.product), record("PA2", s.paid.count, s.paid.valueMinor, sinceReset.count, sinceReset.valueMinor));
  }
  body.push(
    record(
      "EA3",
      options.readCount ?? 1,
      `${clock.yyyy.slice(2)}${clock.MM}${clock.dd}`,
      `${clock.HH}${clock.mm}`,
      "",
      previous && `${previous.yyyy.slice(2)}${previous.MM}${previous.dd}`,
      previous && `${previous.HH}${previous.mm}`,
    ),
  );

  const mode = options.crc ?? "standard";
  if (mode !== "none") {
    // The CRC is defined over CRLF line endings, so an LF copy of the file still verifies.
    const covered = new TextEncoder().encode(body.join(CRLF) + (mode === "standard" ? CRLF : ""));
    body.push(record("G85", crc16Arc(covered).toString(16).toUpperCase().padStart(4, "0")));
  }
  // SE01 counts the records from ST through SE, both included.
  body.push(record("SE", body.length + 1, "0001"));

  const eol = options.lineEnding === "lf" ? "\n" : CRLF;
  const text = [record("DXS", communicationId, "VA", "V1/1", 1), ...body, record("DXE", 1, 1)].join(eol) + eol;
  return concat([asBytes(options.wrapper), new TextEncoder().encode(text), asBytes(options.trailer)]);
}

/**
 * A vendor wrapper in the style some telemetry boxes put before `DXS*` on the same line:
 * `<000|Operations|{label}|{YYYYMMDD}|{HHMMSS}|daa|00001|{byte}>`. The byte before `>` is a
 * checksum-like value from 0x07 to 0xD1, often not valid UTF-8 on its own; pass it to
 * `writeDexAudit` as `wrapper`.
 */
export function vendorWrapper(label: string, at: Date | number, timeZone = "UTC"): Uint8Array {
  const c = localClock(at, timeZone);
  const head = latin1(`<000|Operations|${label.replace(/[|<>\r\n]/g, " ")}|${c.yyyy}${c.MM}${c.dd}|${c.HH}${c.mm}${c.ss}|daa|00001|`);
  const check = 0x07 + (head.reduce((sum, b) => sum + b, 0) % 0xcb);
  return concat([head, Uint8Array.of(check, 0x3e)]);
}

/**
 * How a controller numbers a slot's selection. "numeric": row letter as a digit, then the column
 * ("A1" → "11", "B3" → "23", "C10" → "310"); "slot": the slot code itself ("B3"). A code that is
 * not a letter and a number keeps its own name either way.
 */
export function selectionOf(slot: string, style: "numeric" | "slot"): string {
  const m = /^([A-Za-z])(\d{1,2})$/.exec(slot);
  if (style === "slot" || !m) return slot;
  return `${m[1]!.toUpperCase().charCodeAt(0) - 64}${Number(m[2])}`;
}
