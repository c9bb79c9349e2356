/* eslint-disable architecture/server-only -- a pure parser with no database and no secrets: tools and machine makers run it in plain Node */
// DEX / EVA-DTS audit files, read as the upload contract says (shared AUDITS.md, "Machine audits").
//
// An audit is a list of records, one a line, with elements split on `*`:
//
//   <vendor wrapper>DXS*XYZ0000001*VA*V0/6*1      ignored before DXS (or before ST without DXS)
//   ST*001*0001                                    the block the counters are read from
//   ID1*XYZ123456789*MODEL 1**0                    ID101 = the first element after ID1
//   ...
//   G85*DEB6                                       CRC-16/ARC of the block up to here
//   SE*16*0001                                     closes the block (Italian telemetry: SE-1)
//   DXE*1*1
//   <trailer>                                      ignored after the last DXE or SE
//
// Line endings may be CRLF, LF or CR. Bytes are read one character each (latin1), so no byte of
// a serial number is lost and nothing that is not UTF-8 can throw. Records the parser does not use
// are skipped, and so is everything after the first block's SE.

import { createHash } from "node:crypto";
import { crc16arc } from "./crc";
import { currencyFromDex } from "./currency";

/** Something that looked wrong in an audit that was still accepted. */
export interface DexQuality {
  code: string;
  message: string;
}

/** One PA1 record, with the PA2 that follows it. */
export interface DexSelection {
  selection: string | null;
  priceMinor: number | null;
  paidCount: number | null;
  paidValueMinor: number | null;
}

/** One CA17 record: a coin tube of the changer. */
export interface DexCoinTube {
  tube: string | null;
  coinValueMinor: number | null;
  count: number | null;
  full: boolean | null;
}

/**
 * What an audit says. Counters are since initialisation; money is the integer written in the
 * file, at the file's own decimal point (`decimals`). A field the file does not give is null.
 */
export interface ParsedDex {
  machineSerial: string | null;
  readAt: string | null;
  decimals: number;
  currency: string | null;
  paidVends: { count: number | null; valueMinor: number | null };
  cashSalesMinor: number | null;
  cashlessSalesMinor: number | null;
  selections: DexSelection[];
  crc: "absent" | "ok" | "mismatch";
  quality: DexQuality[];
  /** ID102. */
  machineModel: string | null;
  /** EA305 + EA306: when the audit before this one was read, in the same format as readAt. */
  previousReadAt: string | null;
  /** EA301. */
  readsSinceInit: number | null;
  /** CA202. */
  cashVends: number | null;
  /** DA202. */
  cashlessVends: number | null;
  /** CA305. */
  cashInMinor: number | null;
  /** CA306. */
  cashToBoxMinor: number | null;
  /** CA307. */
  cashToTubesMinor: number | null;
  /** CA308. */
  billsInMinor: number | null;
  /** CA403. */
  cashDispensedMinor: number | null;
  /** One per CA17 record, in file order. */
  coinTubes: DexCoinTube[];
  /** The records from ST through SE, both included, as counted. */
  recordCount: number;
  /** SE01: the record count the file claims. */
  seRecordCount: number | null;
}

export type DexParseResult =
  | { ok: true; audit: ParsedDex; content: Uint8Array; contentHash: string }
  | { ok: false; message: string };

/** The largest number a DEX counter holds. Some controllers write it for "no value"; it is reported as written. */
export const DEX_MAX_NUMBER = 4_294_967_295;

/** Decimals when the file does not say (no ID4, or no ID401). */
export const DEFAULT_DECIMALS = 2;

const CRLF = "\r\n";

/** Records that close a transfer: SE (SE-1 is read as SE) and DXE. */
const CLOSING = new Set(["SE", "DXE"]);

const NO_RECORDS = "The body has no DXS or ST record: send the audit file as read from the machine.";
const TRUNCATED = "The transfer is truncated: no SE or DXE record after the data; read the machine again and send the whole file.";

/** A record: its id ("PA1"), its elements (element 1 first), and its text as written, without the line ending. */
interface DexRecord {
  id: string;
  elements: string[];
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Bytes, lines and records

/** Each byte as one character (latin1): never throws, and turns back into the same bytes. */
function bytesToText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/** The bytes of text made by `bytesToText`. */
function textToBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "latin1"));
}

/** A line of nothing but spaces and control characters (NUL, Ctrl-Z, ...). */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    if (line.charCodeAt(i) > 0x20) return false;
  }
  return true;
}

/** An element without NUL characters and without the spaces and tabs around it. */
function cleanElement(element: string): string {
  return element.split("\0").join("").replace(/^[ \t]+|[ \t]+$/g, "");
}

/** The text of a closing record without a trailer written on the same line (`DXE*1*1<AAAA|BBBB>`). */
function withoutTrailer(text: string): string {
  const at = text.indexOf("<");
  return at < 0 ? text : text.slice(0, at);
}

/** One line as a record. `SE-1`, written by some Italian telemetry, is read as `SE`. */
function parseRecord(line: string): DexRecord {
  const rawId = cleanElement(line.split("*", 1)[0]!);
  const id = rawId === "SE-1" ? "SE" : rawId;
  const text = CLOSING.has(id) ? withoutTrailer(line) : line;
  const elements = text.split("*").slice(1).map(cleanElement);
  return { id, elements, text };
}

/**
 * Where record `id` first starts in the text: at the start of a line or right after a vendor
 * wrapper (`<...|\x11>DXS*...`), and followed by `*` or the end of its line. -1 when it does not.
 */
function findRecord(text: string, id: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf(id, from);
    if (at < 0) return -1;
    const before = at === 0 ? "" : text[at - 1]!;
    const after = text[at + id.length] ?? "";
    // "ST" inside "TEST*" or an element "*ST*" is not a record.
    const startsRecord = !/[A-Za-z0-9*]/.test(before);
    const endsId = after === "" || after === "*" || after === "\r" || after === "\n";
    if (startsRecord && endsId) return at;
    from = at + 1;
  }
}

/** Where the DEX content starts: the first DXS record, or the first ST record when there is no DXS; -1 for neither. */
function findStart(text: string): number {
  const dxs = findRecord(text, "DXS");
  return dxs >= 0 ? dxs : findRecord(text, "ST");
}

/** The records from `start` on, one per line (CRLF, LF or CR); blank lines are skipped. */
function splitRecords(text: string, start: number): DexRecord[] {
  return text
    .slice(start)
    .split(/\r\n|\r|\n/)
    .filter((line) => !isBlank(line))
    .map(parseRecord);
}

/** The text of records as a DEX file with CRLF line endings. */
function joinRecords(records: DexRecord[]): string {
  return records.map((record) => record.text + CRLF).join("");
}

// ---------------------------------------------------------------------------------------------
// The layout: where the block is, where the transfer ends

interface DexLayout {
  /** The first record of the block: ST, or the first record after DXS when there is no ST. */
  blockStart: number;
  /** The first data record: the one after ST (after DXS when there is no ST). */
  dataStart: number;
  /** The SE or DXE that closes the block. */
  blockEnd: number;
  /** True when the block ends with SE, false when a DXE closes it. */
  endsWithSe: boolean;
  /** The last SE or DXE of the file: the end of the content. */
  lastClosing: number;
}

/** The block of the audit, or null when no SE or DXE comes after its data (a truncated transfer). */
function layout(records: DexRecord[]): DexLayout | null {
  const st = records.findIndex((record) => record.id === "ST");
  const opening = st >= 0 ? st : 0;
  const blockEnd = records.findIndex((record, i) => i > opening && CLOSING.has(record.id));
  if (blockEnd < 0) return null;
  let lastClosing = blockEnd;
  records.forEach((record, i) => {
    if (CLOSING.has(record.id)) lastClosing = Math.max(lastClosing, i);
  });
  return {
    blockStart: st >= 0 ? st : 1,
    dataStart: opening + 1,
    blockEnd,
    endsWithSe: records[blockEnd]!.id === "SE",
    lastClosing,
  };
}

/** The first record of each id: when an id comes more than once, only the first counts. */
function firstOfEach(records: DexRecord[]): Map<string, DexRecord> {
  const first = new Map<string, DexRecord>();
  for (const record of records) {
    if (!first.has(record.id)) first.set(record.id, record);
  }
  return first;
}

// ---------------------------------------------------------------------------------------------
// Elements

/** The name of element `position` of a record: PA2 element 1 is "PA201". */
function elementName(record: DexRecord, position: number): string {
  return `${record.id}${String(position).padStart(2, "0")}`;
}

/** Element `position` (1 = the first after the id) as text, or null when missing or empty. */
function readText(record: DexRecord | undefined, position: number): string | null {
  const value = record?.elements[position - 1] ?? "";
  return value === "" ? null : value;
}

/**
 * Element `position` as an unsigned integer up to 4294967295, or null when not given. An element
 * that is not such a number counts as not given, and is noted in `quality`.
 */
function readNumber(record: DexRecord | undefined, position: number, quality: DexQuality[]): number | null {
  const value = readText(record, position);
  if (record === undefined || value === null) return null;
  const name = elementName(record, position);
  if (!/^[0-9]+$/.test(value)) {
    quality.push({ code: "non_numeric_field", message: `${name} is not a number: "${value}". It is read as not given.` });
    return null;
  }
  const number = Number(value);
  if (number > DEX_MAX_NUMBER) {
    quality.push({
      code: "non_numeric_field",
      message: `${name} is larger than ${DEX_MAX_NUMBER}, the largest number a DEX file holds: "${value}". It is read as not given.`,
    });
    return null;
  }
  return number;
}

/** Element `position` as a 1/0 flag, or null when not given; anything else is noted in `quality`. */
function readFlag(record: DexRecord | undefined, position: number, quality: DexQuality[]): boolean | null {
  const value = readText(record, position);
  if (record === undefined || value === null) return null;
  if (value === "1") return true;
  if (value === "0") return false;
  quality.push({ code: "non_numeric_field", message: `${elementName(record, position)} is not 1 or 0: "${value}". It is read as not given.` });
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates and times

const pad = (value: number, width: number) => String(value).padStart(width, "0");

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A DEX date, `YYMMDD` (year 20YY) or `YYYYMMDD`, as `YYYY-MM-DD`; null when it is no real date. */
function parseDexDate(value: string): string | null {
  let year: number;
  let rest: string;
  if (/^[0-9]{6}$/.test(value)) {
    year = 2000 + Number(value.slice(0, 2));
    rest = value.slice(2);
  } else if (/^[0-9]{8}$/.test(value)) {
    year = Number(value.slice(0, 4));
    rest = value.slice(4);
  } else {
    return null;
  }
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A DEX time, `HHMM` (seconds 00) or `HHMMSS`, as `HH:MM:SS`; a missing time is midnight; null when it is no real time. */
function parseDexTime(value: string | null): string | null {
  if (value === null) return "00:00:00";
  if (!/^[0-9]{4}([0-9]{2})?$/.test(value)) return null;
  const hour = Number(value.slice(0, 2));
  const minute = Number(value.slice(2, 4));
  const second = value.length === 6 ? Number(value.slice(4, 6)) : 0;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
}

/**
 * A DEX date and time as `YYYY-MM-DDTHH:MM:SS`, the machine's local clock as written, without an
 * offset; null when either is impossible (20250230, hour 25).
 */
export function dexDateTime(date: string, time: string | null): string | null {
  const day = parseDexDate(date);
  const clock = parseDexTime(time);
  if (day === null || clock === null) return null;
  return `${day}T${clock}`;
}

/** The date and time of elements `datePosition` and `timePosition` of a record, or null when the date is not given or either is impossible. */
function readDateTime(record: DexRecord | undefined, datePosition: number, timePosition: number): string | null {
  const date = readText(record, datePosition);
  if (date === null) return null;
  return dexDateTime(date, readText(record, timePosition));
}

/** Where the read time is written: EA302 + EA303 when EA302 is given, else ID501 + ID502, else nowhere. */
function readTimeSource(ea3: DexRecord | undefined, id5: DexRecord | undefined): { record: DexRecord; date: number; time: number } | null {
  if (ea3 !== undefined && readText(ea3, 2) !== null) return { record: ea3, date: 2, time: 3 };
  if (id5 !== undefined && readText(id5, 1) !== null) return { record: id5, date: 1, time: 2 };
  return null;
}

/** When the audit was read, noting in `quality` when the file does not say or says something impossible. */
function readAuditTime(ea3: DexRecord | undefined, id5: DexRecord | undefined, quality: DexQuality[]): string | null {
  const source = readTimeSource(ea3, id5);
  if (source === null) {
    quality.push({ code: "no_read_time", message: "The file does not say when it was read: it has no EA302 or ID501 date." });
    return null;
  }
  const at = readDateTime(source.record, source.date, source.time);
  if (at === null) {
    const date = `${elementName(source.record, source.date)} "${readText(source.record, source.date)}"`;
    const time = `${elementName(source.record, source.time)} "${readText(source.record, source.time) ?? ""}"`;
    quality.push({
      code: "impossible_read_time",
      message: `The read date and time (${date}, ${time}) are not a real date and time, so the read time is left empty.`,
    });
  }
  return at;
}

// ---------------------------------------------------------------------------------------------
// Selections and coin tubes

/** One entry per PA1, in file order, with the counters of the first PA2 that follows it before the next PA1. */
function readSelections(data: DexRecord[], quality: DexQuality[]): DexSelection[] {
  const selections: DexSelection[] = [];
  let current: DexSelection | null = null;
  let currentHasPa2 = false;
  for (const record of data) {
    if (record.id === "PA1") {
      current = { selection: readText(record, 1), priceMinor: readNumber(record, 2, quality), paidCount: null, paidValueMinor: null };
      currentHasPa2 = false;
      if (current.selection === null) {
        quality.push({ code: "selection_without_id", message: "A PA1 record has no selection number (PA101); it is listed without one." });
      }
      selections.push(current);
    } else if (record.id === "PA2" && current !== null && !currentHasPa2) {
      current.paidCount = readNumber(record, 1, quality);
      current.paidValueMinor = readNumber(record, 2, quality);
      currentHasPa2 = true;
    }
  }
  return selections;
}

/** One entry per CA17 record, in file order. */
function readCoinTubes(data: DexRecord[], quality: DexQuality[]): DexCoinTube[] {
  return data
    .filter((record) => record.id === "CA17")
    .map((record) => ({
      tube: readText(record, 1),
      coinValueMinor: readNumber(record, 2, quality),
      count: readNumber(record, 3, quality),
      full: readFlag(record, 6, quality),
    }));
}

// ---------------------------------------------------------------------------------------------
// CRC

const hex4 = (value: number) => value.toString(16).toUpperCase().padStart(4, "0");

/**
 * The G85 check: CRC-16/ARC over the records from ST up to the record before G85, each ending in
 * CRLF. A G85 that matches the CRC without the last CRLF is accepted as well.
 */
function checkCrc(covered: DexRecord[], g85: DexRecord | undefined, quality: DexQuality[]): ParsedDex["crc"] {
  if (g85 === undefined) return "absent";
  const bytes = textToBytes(joinRecords(covered));
  const body = bytes.subarray(0, Math.max(0, bytes.length - CRLF.length));
  const withoutLastCrlf = crc16arc(body);
  const withLastCrlf = crc16arc(bytes.subarray(body.length), withoutLastCrlf);
  const written = readText(g85, 1);
  if (written !== null && /^[0-9A-Fa-f]{1,4}$/.test(written)) {
    const value = parseInt(written, 16);
    if (value === withLastCrlf || value === withoutLastCrlf) return "ok";
  }
  const shown = written === null ? "no value" : `"${written}"`;
  quality.push({
    code: "crc_mismatch",
    message: `The check value in G85 (${shown}) does not match the file's content (${hex4(withLastCrlf)} expected): the file may have been damaged on its way.`,
  });
  return "mismatch";
}

// ---------------------------------------------------------------------------------------------
// The audit

/** The fields of the audit from the records of its block. */
function readAudit(records: DexRecord[], block: DexLayout): ParsedDex {
  const quality: DexQuality[] = [];
  const data = records.slice(block.dataStart, block.blockEnd);
  const first = firstOfEach(data);
  const id1 = first.get("ID1");
  const id4 = first.get("ID4");
  const ea3 = first.get("EA3");
  const ca2 = first.get("CA2");
  const ca3 = first.get("CA3");
  const ca4 = first.get("CA4");
  const da2 = first.get("DA2");
  const va1 = first.get("VA1");

  const machineSerial = readText(id1, 1);
  if (machineSerial === null) {
    quality.push({ code: "no_serial", message: "The file has no machine serial number (ID101)." });
  }
  const decimals = readNumber(id4, 1, quality) ?? DEFAULT_DECIMALS;
  const readAt = readAuditTime(ea3, first.get("ID5"), quality);

  const paidVends = { count: readNumber(va1, 2, quality), valueMinor: readNumber(va1, 1, quality) };
  const cashSalesMinor = readNumber(ca2, 1, quality);
  const cashVends = readNumber(ca2, 2, quality);
  const cashlessSalesMinor = readNumber(da2, 1, quality);
  const cashlessVends = readNumber(da2, 2, quality);
  const cashInMinor = readNumber(ca3, 5, quality);
  const cashToBoxMinor = readNumber(ca3, 6, quality);
  const cashToTubesMinor = readNumber(ca3, 7, quality);
  const billsInMinor = readNumber(ca3, 8, quality);
  const cashDispensedMinor = readNumber(ca4, 3, quality);
  const readsSinceInit = readNumber(ea3, 1, quality);
  const selections = readSelections(data, quality);
  const coinTubes = readCoinTubes(data, quality);

  const g85 = data.find((record) => record.id === "G85");
  const covered = g85 === undefined ? [] : records.slice(block.blockStart, records.indexOf(g85));
  const crc = checkCrc(covered, g85, quality);

  const recordCount = block.blockEnd - block.blockStart + (block.endsWithSe ? 1 : 0);
  const seRecordCount = block.endsWithSe ? readNumber(records[block.blockEnd], 1, quality) : null;
  if (seRecordCount !== null && seRecordCount !== recordCount) {
    quality.push({
      code: "se_count_mismatch",
      message: `The SE record says the file has ${seRecordCount} records, but ${recordCount} were counted. The file is accepted anyway.`,
    });
  }

  return {
    machineSerial,
    readAt,
    decimals,
    currency: currencyFromDex(readText(id4, 2), readText(id4, 3)),
    paidVends,
    cashSalesMinor,
    cashlessSalesMinor,
    selections,
    crc,
    quality,
    machineModel: readText(id1, 2),
    previousReadAt: readDateTime(ea3, 5, 6),
    readsSinceInit,
    cashVends,
    cashlessVends,
    cashInMinor,
    cashToBoxMinor,
    cashToTubesMinor,
    billsInMinor,
    cashDispensedMinor,
    coinTubes,
    recordCount,
    seRecordCount,
  };
}

/**
 * Reads a DEX / EVA-DTS audit as uploaded. `ok: false` only for a body without a DXS or ST record
 * and for a truncated transfer (no SE or DXE after the data); anything else that looks wrong is
 * accepted and noted in `audit.quality`. `content` is the DEX from the first DXS (or ST) through
 * the last DXE (or SE), without wrapper, trailer or blank lines, with CRLF line endings: the same
 * audit gives the same `contentHash` however it was wrapped or copied.
 */
export function parseDex(body: Uint8Array): DexParseResult {
  const text = bytesToText(body);
  const start = findStart(text);
  if (start < 0) return { ok: false, message: NO_RECORDS };
  const records = splitRecords(text, start);
  const block = layout(records);
  if (block === null) return { ok: false, message: TRUNCATED };
  const audit = readAudit(records, block);
  const content = textToBytes(joinRecords(records.slice(0, block.lastClosing + 1)));
  const contentHash = createHash("sha256").update(content).digest("hex");
  return { ok: true, audit, content, contentHash };
}
