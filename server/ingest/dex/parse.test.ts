import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { crc16arc } from "./crc";
import { currencyFromDex, currencyFromNumeric } from "./currency";
import { type DexParseResult, type ParsedDex, parseDex } from "./parse";

// Audit files as makers write them (fixtures/), and byte-exact variants built here: line endings,
// wrapper bytes and non-UTF-8 bytes that a text file in the repo would not carry reliably.

const NO_RECORDS = "The body has no DXS or ST record: send the audit file as read from the machine.";
const TRUNCATED = "The transfer is truncated: no SE or DXE record after the data; read the machine again and send the whole file.";

/** A string of one character per byte, as bytes. */
const bytes = (text: string) => Buffer.from(text, "latin1");

function fixture(name: string): Buffer {
  return readFileSync(path.join(import.meta.dirname, "fixtures", name));
}

/** The records of a DEX text, one per line, without blank lines. */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => line !== "");
}

/** Records as a file with the given line ending after each. */
function dex(lines: string[], eol = "\r\n"): string {
  return lines.map((line) => line + eol).join("");
}

/** The lines with the first one starting with `prefix` replaced (or removed when `replacement` is null). */
function replaceLine(lines: string[], prefix: string, replacement: string | null): string[] {
  const at = lines.findIndex((line) => line.startsWith(prefix));
  if (at < 0) throw new Error(`no line starts with ${prefix}`);
  const out = [...lines];
  if (replacement === null) out.splice(at, 1);
  else out[at] = replacement;
  return out;
}

/** The lines with `added` inserted before the first line starting with `prefix`. */
function insertBefore(lines: string[], prefix: string, ...added: string[]): string[] {
  const at = lines.findIndex((line) => line.startsWith(prefix));
  if (at < 0) throw new Error(`no line starts with ${prefix}`);
  return [...lines.slice(0, at), ...added, ...lines.slice(at)];
}

/** The lines with G85 and SE01 written to match the records, as a machine would. */
function resealed(lines: string[]): string[] {
  const st = lines.findIndex((line) => line.startsWith("ST*"));
  const g85 = lines.findIndex((line) => line.startsWith("G85*"));
  const se = lines.findIndex((line) => line.startsWith("SE*"));
  const out = [...lines];
  if (g85 >= 0) {
    const crc = crc16arc(bytes(dex(lines.slice(st, g85))));
    out[g85] = `G85*${crc.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  if (se >= 0) out[se] = out[se]!.replace(/^SE\*[0-9]*/, `SE*${se - st + 1}`);
  return out;
}

function accepted(result: DexParseResult) {
  if (!result.ok) throw new Error(`rejected: ${result.message}`);
  return result;
}

/** The audit of a body that must be accepted. */
function audit(body: Uint8Array | string): ParsedDex {
  return accepted(parseDex(typeof body === "string" ? bytes(body) : body)).audit;
}

/** The stored content of an accepted body, as text. */
function contentOf(body: Uint8Array | string): string {
  return Buffer.from(accepted(parseDex(typeof body === "string" ? bytes(body) : body)).content).toString("latin1");
}

function hashOf(body: Uint8Array | string): string {
  return accepted(parseDex(typeof body === "string" ? bytes(body) : body)).contentHash;
}

function rejection(body: Uint8Array | string): string {
  const result = parseDex(typeof body === "string" ? bytes(body) : body);
  if (result.ok) throw new Error("accepted");
  return result.message;
}

/** An audit with nothing given: the fields the tests below fill in. */
const NOTHING: ParsedDex = {
  machineSerial: null,
  readAt: null,
  decimals: 2,
  currency: null,
  paidVends: { count: null, valueMinor: null },
  cashSalesMinor: null,
  cashlessSalesMinor: null,
  selections: [],
  crc: "absent",
  quality: [],
  machineModel: null,
  previousReadAt: null,
  readsSinceInit: null,
  cashVends: null,
  cashlessVends: null,
  cashInMinor: null,
  cashToBoxMinor: null,
  cashToTubesMinor: null,
  billsInMinor: null,
  cashDispensedMinor: null,
  coinTubes: [],
  recordCount: 0,
  seRecordCount: null,
};

const EXAMPLE_TEXT = fixture("audits-md-example.dex").toString("latin1");
const EXAMPLE = linesOf(EXAMPLE_TEXT);
const EXAMPLE_CRLF = dex(EXAMPLE);

/** The answer AUDITS.md gives for its example, without the id and status the endpoint adds. */
const EXAMPLE_ANSWER = {
  machineSerial: "XYZ123456789",
  readAt: "2025-03-01T10:15:00",
  decimals: 2,
  currency: "EUR",
  paidVends: { count: 67, valueMinor: 11400 },
  cashSalesMinor: 9055,
  cashlessSalesMinor: 2345,
  selections: [
    { selection: "11", priceMinor: 150, paidCount: 40, paidValueMinor: 6000 },
    { selection: "12", priceMinor: 200, paidCount: 27, paidValueMinor: 5400 },
    { selection: "13", priceMinor: 250, paidCount: null, paidValueMinor: null },
  ],
  crc: "ok",
  quality: [],
};

const EXAMPLE_AUDIT: ParsedDex = {
  ...NOTHING,
  ...EXAMPLE_ANSWER,
  crc: "ok",
  machineModel: "MODEL 1",
  previousReadAt: "2025-02-20T09:30:00",
  readsSinceInit: 12,
  cashVends: 55,
  cashlessVends: 12,
  recordCount: 16,
  seRecordCount: 16,
};

const CONTRACT_FIELDS = Object.keys(EXAMPLE_ANSWER) as (keyof typeof EXAMPLE_ANSWER)[];

/** The example with one element changed and G85 and SE01 written to match. */
function example(prefix: string, replacement: string | null): string {
  return dex(resealed(replaceLine(EXAMPLE, prefix, replacement)));
}

describe("CRC-16/ARC", () => {
  it("has the check value 0xBB3D over 123456789", () => {
    expect(crc16arc(bytes("123456789"))).toBe(0xbb3d);
  });

  it("is 0 over no bytes and goes on from an earlier CRC", () => {
    expect(crc16arc(new Uint8Array(0))).toBe(0);
    expect(crc16arc(bytes("56789"), crc16arc(bytes("1234")))).toBe(0xbb3d);
  });

  it("gives the AUDITS.md example's G85 over ST..EA3 with CRLF, and 0x23B9 without the last CRLF", () => {
    const block = dex(EXAMPLE.slice(1, 15));
    expect(block.startsWith("ST*001*0001\r\n") && block.endsWith("EA3*12*250301*101500**250220*093000\r\n")).toBe(true);
    expect(crc16arc(bytes(block))).toBe(0xdeb6);
    expect(crc16arc(bytes(block.slice(0, -2)))).toBe(0x23b9);
  });
});

describe("currency", () => {
  it("takes ID403 when it is three letters", () => {
    expect(currencyFromDex("1978", "EUR")).toBe("EUR");
    expect(currencyFromDex(null, "usd")).toBe("USD");
    expect(currencyFromDex("840", " GBP ")).toBe("GBP");
  });

  it("else reads ID402 as an ISO 4217 numeric code, three digits or four with a leading 1", () => {
    expect(currencyFromDex("1978", null)).toBe("EUR");
    expect(currencyFromDex("978", null)).toBe("EUR");
    expect(currencyFromDex("036", null)).toBe("AUD");
    expect(currencyFromDex("1036", null)).toBe("AUD");
    expect(currencyFromDex("840", null)).toBe("USD");
    expect(currencyFromDex("392", "")).toBe("JPY");
    expect(currencyFromDex("826", "EU")).toBe("GBP");
    expect(currencyFromDex("756", "EURO")).toBe("CHF");
  });

  it("is null when neither names a currency", () => {
    expect(currencyFromDex(null, null)).toBeNull();
    expect(currencyFromDex("", "")).toBeNull();
    expect(currencyFromDex("36", null)).toBeNull();
    expect(currencyFromDex("2978", null)).toBeNull();
    expect(currencyFromDex("0978", null)).toBeNull();
    expect(currencyFromDex("12345", null)).toBeNull();
    expect(currencyFromDex("000", null)).toBeNull();
    expect(currencyFromDex("EUR", null)).toBeNull();
    expect(currencyFromDex("999", null)).toBeNull();
    expect(currencyFromDex("963", "E1")).toBeNull();
  });

  it("maps numeric codes of active currencies", () => {
    expect(["978", "036", "840", "392", "826", "756", "124", "986", "949", "710"].map(currencyFromNumeric)).toEqual([
      "EUR", "AUD", "USD", "JPY", "GBP", "CHF", "CAD", "BRL", "TRY", "ZAR",
    ]);
    expect(currencyFromNumeric("1978")).toBeNull();
  });
});

describe("the AUDITS.md example", () => {
  it("gives exactly the answer of the contract", () => {
    const parsed = audit(fixture("audits-md-example.dex"));
    const contractFields = Object.fromEntries(CONTRACT_FIELDS.map((field) => [field, parsed[field]]));
    expect(contractFields).toEqual(EXAMPLE_ANSWER);
  });

  it("gives the extras too", () => {
    expect(audit(fixture("audits-md-example.dex"))).toEqual(EXAMPLE_AUDIT);
  });

  it("keeps the DEX from DXS through DXE as content, keyed by its SHA-256", () => {
    const result = accepted(parseDex(fixture("audits-md-example.dex")));
    expect(Buffer.from(result.content).toString("latin1")).toBe(EXAMPLE_CRLF);
    expect(result.content).toBeInstanceOf(Uint8Array);
    expect(result.contentHash).toBe(createHash("sha256").update(bytes(EXAMPLE_CRLF)).digest("hex"));
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads a body that is a view into a larger buffer", () => {
    const larger = Buffer.concat([bytes("xxxxx"), bytes(EXAMPLE_CRLF), bytes("yyy")]);
    const view = new Uint8Array(larger.buffer, larger.byteOffset + 5, EXAMPLE_CRLF.length);
    expect(audit(view)).toEqual(EXAMPLE_AUDIT);
  });
});

describe("line endings", () => {
  it.each([
    ["CRLF", "\r\n"],
    ["LF", "\n"],
    ["CR", "\r"],
    ["CR CR LF (a CRLF file copied in text mode)", "\r\r\n"],
  ])("reads %s the same, with the CRC ok", (_name, eol) => {
    const body = dex(EXAMPLE, eol);
    expect(audit(body)).toEqual(EXAMPLE_AUDIT);
    expect(contentOf(body)).toBe(EXAMPLE_CRLF);
    expect(hashOf(body)).toBe(hashOf(EXAMPLE_CRLF));
  });

  it("reads mixed line endings and skips blank and whitespace-only lines", () => {
    const mixed = EXAMPLE.map((line, i) => line + ["\r\n", "\n", "\r", "\n  \t\n", "\r\n\r\n"][i % 5]).join("");
    expect(audit(mixed)).toEqual(EXAMPLE_AUDIT);
    expect(hashOf(mixed)).toBe(hashOf(EXAMPLE_CRLF));
  });

  it("reads the last record without a line ending", () => {
    const body = EXAMPLE.join("\r\n");
    expect(audit(body)).toEqual(EXAMPLE_AUDIT);
    expect(hashOf(body)).toBe(hashOf(EXAMPLE_CRLF));
  });
});

describe("vendor wrappers and text before the first record", () => {
  const wrapper = "<000|Operations|N&W BlueRed Pc54601|20191206|094751|daa|00001|0|";

  it("reads an N&W BlueRed file: wrapper on the DXS line, @$1 and MA5 records", () => {
    expect(audit(fixture("nw-bluered-wrapper.dex"))).toEqual({
      ...NOTHING,
      machineSerial: "NW54601778",
      readAt: "2019-12-06T09:47:51",
      decimals: 2,
      currency: "EUR",
      paidVends: { count: 1229, valueMinor: 184350 },
      cashSalesMinor: 121100,
      cashlessSalesMinor: 63250,
      selections: [
        { selection: "1", priceMinor: 120, paidCount: 412, paidValueMinor: 49440 },
        { selection: "2", priceMinor: 150, paidCount: 389, paidValueMinor: 58350 },
        { selection: "3", priceMinor: 160, paidCount: 0, paidValueMinor: 0 },
        { selection: "4", priceMinor: 180, paidCount: 428, paidValueMinor: 76560 },
      ],
      crc: "ok",
      machineModel: "BLUERED PC54601",
      previousReadAt: "2019-11-22T10:15:30",
      readsSinceInit: 53,
      cashVends: 811,
      cashlessVends: 418,
      cashInMinor: 315500,
      cashToBoxMinor: 121100,
      cashToTubesMinor: 194400,
      billsInMinor: 0,
      cashDispensedMinor: 72500,
      recordCount: 30,
      seRecordCount: 30,
    });
    const content = contentOf(fixture("nw-bluered-wrapper.dex"));
    expect(content.startsWith("DXS*NWS0000001*VA*V0/6*1\r\nST*001*0001\r\n")).toBe(true);
    expect(content.endsWith("G85*D4FF\r\nSE*30*0001\r\nDXE*1*1\r\n")).toBe(true);
  });

  it("ignores a wrapper whatever the byte before '>' (0x07 to 0xD1), with the same content key", () => {
    const plain = hashOf(EXAMPLE_CRLF);
    for (let byte = 0x07; byte <= 0xd1; byte++) {
      const body = Buffer.concat([bytes(wrapper), Buffer.from([byte, 0x3e]), bytes(EXAMPLE_CRLF)]);
      const result = accepted(parseDex(body));
      expect(result.audit, `byte 0x${byte.toString(16)}`).toEqual(EXAMPLE_AUDIT);
      expect(result.contentHash, `byte 0x${byte.toString(16)}`).toBe(plain);
    }
  });

  it("ignores bytes that are not UTF-8 in the wrapper", () => {
    const body = Buffer.concat([bytes("<000|Op\xe9rations|"), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80, 0x11]), bytes(">"), bytes(EXAMPLE_CRLF)]);
    expect(audit(body)).toEqual(EXAMPLE_AUDIT);
    expect(hashOf(body)).toBe(hashOf(EXAMPLE_CRLF));
  });

  it("ignores MC5 lines and a wrapper line before DXS", () => {
    const body = `MC5*0*TELEMETRIA*V2.14\r\nMC5*1*IMEI*356938035643809\r\n${wrapper}\x07>\r\n${EXAMPLE_CRLF}`;
    expect(audit(body)).toEqual(EXAMPLE_AUDIT);
    expect(hashOf(body)).toBe(hashOf(EXAMPLE_CRLF));
  });

  it("does not take DXS or ST inside other text for a record", () => {
    const body = `MC5*DXS*ST*1\r\nTEST*1\r\nLAST*2\r\n${EXAMPLE_CRLF}`;
    expect(contentOf(body)).toBe(EXAMPLE_CRLF);
  });

  it("reads an Italian telemetry file: MC5 lines, SE-1, records after SE, a trailer", () => {
    const body = fixture("italian-telemetry-se1.dex");
    expect(audit(body)).toEqual({
      ...NOTHING,
      machineSerial: "IT0004417",
      readAt: "2025-06-07T18:30:05",
      decimals: 2,
      currency: "EUR",
      paidVends: { count: 431, valueMinor: 60340 },
      cashSalesMinor: 41200,
      cashlessSalesMinor: 19140,
      selections: [
        { selection: "10", priceMinor: 130, paidCount: 188, paidValueMinor: 24440 },
        { selection: "11", priceMinor: 140, paidCount: 143, paidValueMinor: 20020 },
        { selection: "12", priceMinor: 150, paidCount: 100, paidValueMinor: 15880 },
      ],
      crc: "ok",
      machineModel: "BRIO UP",
      cashVends: 299,
      cashlessVends: 132,
      recordCount: 17,
      seRecordCount: 17,
    });
    const content = contentOf(body);
    expect(content.startsWith("DXS*ITT0004417*VA*V0/6*1\r\n")).toBe(true);
    expect(content.endsWith("G85*36E6\r\nSE-1*17*0001\r\nTA2*0*0*0*0\r\nMA5*RELE*1\r\nDXE*1*1\r\n")).toBe(true);
  });
});

describe("files without DXS and DXE", () => {
  it("reads a file of only ST..SE", () => {
    const body = fixture("st-only.dex");
    expect(audit(body)).toEqual({
      ...NOTHING,
      machineSerial: "AU2210078",
      readAt: "2025-01-15T12:10:00",
      decimals: 2,
      currency: "AUD",
      paidVends: { count: 32, valueMinor: 9600 },
      cashlessSalesMinor: 9600,
      selections: [{ selection: "1", priceMinor: 300, paidCount: 32, paidValueMinor: 9600 }],
      crc: "ok",
      machineModel: "SEAGA HY2100",
      readsSinceInit: 7,
      cashlessVends: 32,
      recordCount: 10,
      seRecordCount: 10,
    });
    expect(contentOf(body)).toBe(dex(linesOf(body.toString("latin1"))));
  });

  it("reads an ST..SE file behind a wrapper on the same line", () => {
    const stOnly = fixture("st-only.dex");
    const body = Buffer.concat([bytes("<TLM|0042|"), Buffer.from([0x9c]), bytes(">"), stOnly]);
    expect(audit(body)).toEqual(audit(stOnly));
    expect(hashOf(body)).toBe(hashOf(stOnly));
  });
});

describe("text after the last record", () => {
  it.each([
    ["a <AAAA|BBBB> trailer without line ending", "<AAAA|BBBB>"],
    ["blank lines", "\r\n\r\n   \r\n"],
    ["an XX1 line", "XX1*END*OF*FILE\r\n"],
    ["all of them", "\r\nXX1*0*0\r\n\n<AAAA|BBBB>"],
    ["a cut record", "DX"],
  ])("ignores %s", (_name, trailer) => {
    const body = EXAMPLE_CRLF + trailer;
    expect(audit(body)).toEqual(EXAMPLE_AUDIT);
    expect(hashOf(body)).toBe(hashOf(EXAMPLE_CRLF));
  });

  it("ignores a trailer on the same line as DXE", () => {
    const body = EXAMPLE.join("\r\n") + "<AAAA|BBBB>";
    expect(audit(body)).toEqual(EXAMPLE_AUDIT);
    expect(hashOf(body)).toBe(hashOf(EXAMPLE_CRLF));
  });
});

describe("records the parser does not use", () => {
  it("skips unknown and non-standard records inside the block", () => {
    const lines = insertBefore(EXAMPLE, "VA1*", "@$1*00*0*0", "MA5", "MA5*SWITCH*1", "ZZ9*1*2*3");
    expect(audit(dex(resealed(lines)))).toEqual({ ...EXAMPLE_AUDIT, recordCount: 20, seRecordCount: 20 });
  });

  it("reads only the first block's data, while the content spans every block", () => {
    const second = ["ST*002*0002", "ID1*OTHER*MODEL 2", "VA1*1*1*0*0", "PA1*99*1", "PA2*1*1", "SE*6*0002"];
    const lines = [...EXAMPLE.slice(0, 17), ...second, "DXE*1*1"];
    const body = dex(lines);
    expect(audit(body)).toEqual(EXAMPLE_AUDIT);
    expect(contentOf(body)).toBe(body);
  });

  it("skips records after SE and before DXE", () => {
    const lines = insertBefore(EXAMPLE, "DXE*", "VA1*1*1*0*0", "ID1*AFTER*SE", "PA1*99*1", "G85*0000");
    expect(audit(dex(lines))).toEqual(EXAMPLE_AUDIT);
  });

  it("skips a PA2 before the first PA1 and a second PA2 after one PA1", () => {
    const lines = insertBefore(EXAMPLE, "PA1*11*", "PA2*5*5*0*0");
    const doubled = insertBefore(lines, "PA1*12*", "PA2*99*99*0*0");
    expect(audit(dex(resealed(doubled)))).toEqual({ ...EXAMPLE_AUDIT, recordCount: 18, seRecordCount: 18 });
  });
});

describe("elements", () => {
  it("trims spaces and tabs around elements and keeps leading zeros of selections", () => {
    const lines = replaceLine(replaceLine(EXAMPLE, "ID1*", "ID1*  XYZ123456789 \t* MODEL 1 **0"), "PA1*11*", "PA1* 011 * 150 *COLA");
    expect(audit(dex(resealed(lines)))).toEqual({
      ...EXAMPLE_AUDIT,
      selections: [{ ...EXAMPLE_AUDIT.selections[0]!, selection: "011" }, ...EXAMPLE_AUDIT.selections.slice(1)],
    });
  });

  it("reads bytes that are not UTF-8 in an element one character per byte", () => {
    const lines = replaceLine(EXAMPLE, "ID1*", "ID1*CAF\xc9\xff-01*MOD\xc8LE \x80\x9f**0");
    const body = bytes(dex(resealed(lines)));
    expect(body.includes(Buffer.from([0xc9, 0xff]))).toBe(true);
    expect(audit(body)).toEqual({ ...EXAMPLE_AUDIT, machineSerial: "CAF\u00c9\u00ff-01", machineModel: "MOD\u00c8LE \u0080\u009f" });
    expect(Buffer.from(accepted(parseDex(body)).content).includes(Buffer.from([0xc9, 0xff]))).toBe(true);
  });

  it("drops NUL characters from elements", () => {
    expect(audit(example("ID1*", "ID1*XYZ123456789\0\0\0*MODEL 1**0"))).toEqual(EXAMPLE_AUDIT);
  });

  it("keeps a PA1 without a selection number as selection null, with a quality entry", () => {
    expect(audit(example("PA1*12*", "PA1**200*WATER"))).toEqual({
      ...EXAMPLE_AUDIT,
      selections: [EXAMPLE_AUDIT.selections[0], { selection: null, priceMinor: 200, paidCount: 27, paidValueMinor: 5400 }, EXAMPLE_AUDIT.selections[2]],
      quality: [{ code: "selection_without_id", message: "A PA1 record has no selection number (PA101); it is listed without one." }],
    });
  });

  it("reports a missing serial number", () => {
    expect(audit(example("ID1*", "ID1**MODEL 1**0"))).toEqual({
      ...EXAMPLE_AUDIT,
      machineSerial: null,
      quality: [{ code: "no_serial", message: "The file has no machine serial number (ID101)." }],
    });
    const withoutId1 = audit(example("ID1*", null));
    expect(withoutId1).toEqual({
      ...EXAMPLE_AUDIT,
      machineSerial: null,
      machineModel: null,
      recordCount: 15,
      seRecordCount: 15,
      quality: [{ code: "no_serial", message: "The file has no machine serial number (ID101)." }],
    });
  });

  it("counts only the first record of an id", () => {
    const lines = insertBefore(
      EXAMPLE,
      "G85*",
      "ID1*SECOND*MODEL 2**0",
      "ID4*0*840*USD",
      "ID5*20240101*000000",
      "VA1*1*1*0*0",
      "CA2*2*2*0*0",
      "DA2*3*3*0*0",
      "EA3*1*240101*0000",
      "VA1*4*4*0*0",
    );
    expect(audit(dex(resealed(lines)))).toEqual({ ...EXAMPLE_AUDIT, recordCount: 24, seRecordCount: 24 });
  });
});

describe("numbers", () => {
  it("reports 4294967295 as written, in a Coinco file with many selections and no G85", () => {
    expect(audit(fixture("coinco-many-pa.dex"))).toEqual({
      ...NOTHING,
      machineSerial: "CC31415926",
      readAt: "2025-04-10T07:15:30",
      decimals: 2,
      currency: "USD",
      paidVends: { count: 4294967295, valueMinor: 4294967295 },
      cashSalesMinor: 83475,
      cashlessSalesMinor: 4294967295,
      selections: [
        { selection: "101", priceMinor: 175, paidCount: 44, paidValueMinor: 7700 },
        { selection: "102", priceMinor: 175, paidCount: 39, paidValueMinor: 6825 },
        { selection: "103", priceMinor: 200, paidCount: 27, paidValueMinor: 5400 },
        { selection: "104", priceMinor: 200, paidCount: 31, paidValueMinor: 6200 },
        { selection: "105", priceMinor: 225, paidCount: 4294967295, paidValueMinor: 4294967295 },
        { selection: "106", priceMinor: 225, paidCount: 22, paidValueMinor: 4950 },
        { selection: "107", priceMinor: 250, paidCount: null, paidValueMinor: null },
        { selection: "108", priceMinor: 250, paidCount: 18, paidValueMinor: 4500 },
        { selection: "109", priceMinor: 275, paidCount: 0, paidValueMinor: 0 },
        { selection: "110", priceMinor: 275, paidCount: 15, paidValueMinor: 4125 },
        { selection: "111", priceMinor: 300, paidCount: 4294967295, paidValueMinor: 0 },
        { selection: "112", priceMinor: 300, paidCount: 12, paidValueMinor: 3600 },
      ],
      crc: "absent",
      machineModel: "VENDMAX 40",
      readsSinceInit: 0,
      cashVends: 301,
      cashlessVends: 4294967295,
      cashInMinor: 95000,
      cashToBoxMinor: 41200,
      cashToTubesMinor: 53800,
      billsInMinor: 30000,
      recordCount: 34,
      seRecordCount: 34,
    });
  });

  it("reads leading zeros as the number", () => {
    expect(audit(example("VA1*", "VA1*0011400*00067*2600*12"))).toEqual(EXAMPLE_AUDIT);
  });

  it("reads a counter that is not an unsigned integer as not given, with a quality entry", () => {
    const lines = replaceLine(replaceLine(replaceLine(EXAMPLE, "VA1*", "VA1*114.00*6 7*2600*12"), "PA2*40*", "PA2*12a*-6000*8*1200"), "CA2*", "CA2*4294967296*+55");
    expect(audit(dex(resealed(lines)))).toEqual({
      ...EXAMPLE_AUDIT,
      paidVends: { count: null, valueMinor: null },
      cashSalesMinor: null,
      cashVends: null,
      selections: [{ selection: "11", priceMinor: 150, paidCount: null, paidValueMinor: null }, ...EXAMPLE_AUDIT.selections.slice(1)],
      quality: [
        { code: "non_numeric_field", message: 'VA102 is not a number: "6 7". It is read as not given.' },
        { code: "non_numeric_field", message: 'VA101 is not a number: "114.00". It is read as not given.' },
        {
          code: "non_numeric_field",
          message: 'CA201 is larger than 4294967295, the largest number a DEX file holds: "4294967296". It is read as not given.',
        },
        { code: "non_numeric_field", message: 'CA202 is not a number: "+55". It is read as not given.' },
        { code: "non_numeric_field", message: 'PA201 is not a number: "12a". It is read as not given.' },
        { code: "non_numeric_field", message: 'PA202 is not a number: "-6000". It is read as not given.' },
      ],
    });
  });
});

describe("decimals", () => {
  it("reads ID401 0, in a Japanese file with coin tubes", () => {
    expect(audit(fixture("japan-ca17.dex"))).toEqual({
      ...NOTHING,
      machineSerial: "FJ5C0012345",
      readAt: "2025-05-20T08:00:45",
      decimals: 0,
      currency: "JPY",
      paidVends: { count: 8617, valueMinor: 1254330 },
      cashSalesMinor: 1002880,
      cashlessSalesMinor: 251450,
      selections: [
        { selection: "001", priceMinor: 130, paidCount: 2210, paidValueMinor: 287300 },
        { selection: "002", priceMinor: 160, paidCount: 1987, paidValueMinor: 317920 },
        { selection: "003", priceMinor: 150, paidCount: 4420, paidValueMinor: 649110 },
      ],
      crc: "ok",
      machineModel: "FUJI FVM-TC",
      previousReadAt: "2025-05-13T07:55:00",
      readsSinceInit: 96,
      cashVends: 6904,
      cashlessVends: 1713,
      cashInMinor: 1250330,
      cashToBoxMinor: 318950,
      cashToTubesMinor: 931380,
      billsInMinor: 612000,
      cashDispensedMinor: 247450,
      coinTubes: [
        { tube: "1", coinValueMinor: 10, count: 81, full: false },
        { tube: "2", coinValueMinor: 50, count: 40, full: false },
        { tube: "3", coinValueMinor: 100, count: 100, full: true },
        { tube: "4", coinValueMinor: 500, count: 27, full: false },
      ],
      recordCount: 23,
      seRecordCount: 23,
    });
  });

  it("defaults to 2 without ID4 or ID401", () => {
    expect(audit(example("ID4*", null))).toEqual({ ...EXAMPLE_AUDIT, currency: null, recordCount: 15, seRecordCount: 15 });
    expect(audit(example("ID4*", "ID4**1978*EUR"))).toEqual(EXAMPLE_AUDIT);
    expect(audit(example("ID4*", "ID4*0*1978*EUR"))).toEqual({ ...EXAMPLE_AUDIT, decimals: 0 });
    expect(audit(example("ID4*", "ID4*3*1978*EUR"))).toEqual({ ...EXAMPLE_AUDIT, decimals: 3 });
  });

  it("defaults to 2 for an ID401 that is not a number, with a quality entry", () => {
    expect(audit(example("ID4*", "ID4*two*1978*EUR"))).toEqual({
      ...EXAMPLE_AUDIT,
      quality: [{ code: "non_numeric_field", message: 'ID401 is not a number: "two". It is read as not given.' }],
    });
  });
});

describe("currency in a file", () => {
  it.each([
    ["ID4*2*1978*EUR", "EUR"],
    ["ID4*2*840*eur", "EUR"],
    ["ID4*2*1978", "EUR"],
    ["ID4*2*978", "EUR"],
    ["ID4*2*036", "AUD"],
    ["ID4*2*840", "USD"],
    ["ID4*2*840*USD", "USD"],
    ["ID4*2*1840*", "USD"],
    ["ID4*2**EURO", null],
    ["ID4*2", null],
    ["ID4*2*0*", null],
  ])("%s gives %s", (id4, currency) => {
    expect(audit(example("ID4*", id4)).currency).toBe(currency);
  });

  it("is null without ID4 in a Sanden/Vendo file with CR line endings", () => {
    expect(audit(fixture("sanden-vendo-cr.dex"))).toEqual({
      ...NOTHING,
      machineSerial: "V721-4411",
      readAt: "2025-02-28T09:30:12",
      decimals: 2,
      currency: null,
      paidVends: { count: 167, valueMinor: 38900 },
      cashSalesMinor: 38900,
      selections: [
        { selection: "1", priceMinor: 225, paidCount: 41, paidValueMinor: 9225 },
        { selection: "2", priceMinor: 225, paidCount: 36, paidValueMinor: 8100 },
        { selection: "3", priceMinor: 250, paidCount: 48, paidValueMinor: 12000 },
        { selection: "4", priceMinor: 250, paidCount: 42, paidValueMinor: 9575 },
      ],
      crc: "ok",
      machineModel: "VENDO 721",
      previousReadAt: "2025-01-31T15:45:00",
      readsSinceInit: 211,
      cashVends: 167,
      recordCount: 17,
      seRecordCount: 17,
    });
  });
});

describe("read time", () => {
  it.each([
    ["YYMMDD and HHMMSS", "EA3*12*250301*101500", "2025-03-01T10:15:00"],
    ["YYYYMMDD and HHMMSS", "EA3*12*20250301*101530", "2025-03-01T10:15:30"],
    ["YYMMDD and HHMM", "EA3*12*250301*1015", "2025-03-01T10:15:00"],
    ["YYYYMMDD and HHMM", "EA3*12*20250301*2359", "2025-03-01T23:59:00"],
    ["no time: midnight", "EA3*12*250301", "2025-03-01T00:00:00"],
    ["a leap day", "EA3*12*20240229*000000", "2024-02-29T00:00:00"],
    ["a leap day of 2000", "EA3*12*000229*1200", "2000-02-29T12:00:00"],
  ])("reads EA302 + EA303 in %s", (_name, ea3, readAt) => {
    expect(audit(example("EA3*", ea3))).toEqual({ ...EXAMPLE_AUDIT, readAt, previousReadAt: null });
  });

  it("reads a Crane/National file with LF line endings, a lower-case G85 and CA17 tubes", () => {
    expect(audit(fixture("crane-lf.dex"))).toEqual({
      ...NOTHING,
      machineSerial: "187101234",
      readAt: "2025-03-14T16:42:00",
      decimals: 2,
      currency: "USD",
      paidVends: { count: 215, valueMinor: 52475 },
      cashSalesMinor: 31250,
      cashlessSalesMinor: 21225,
      selections: [
        { selection: "A1", priceMinor: 225, paidCount: 61, paidValueMinor: 13725 },
        { selection: "A2", priceMinor: 225, paidCount: 54, paidValueMinor: 12150 },
        { selection: "B1", priceMinor: 250, paidCount: 100, paidValueMinor: 26600 },
      ],
      crc: "ok",
      machineModel: "CN187",
      readsSinceInit: 0,
      cashVends: 128,
      cashlessVends: 87,
      cashInMinor: 24600,
      cashToBoxMinor: 8900,
      cashToTubesMinor: 15700,
      billsInMinor: 12000,
      cashDispensedMinor: 3150,
      coinTubes: [
        { tube: "00", coinValueMinor: 5, count: 12, full: false },
        { tube: "01", coinValueMinor: 10, count: 48, full: true },
        { tube: "02", coinValueMinor: 25, count: 63, full: false },
      ],
      recordCount: 25,
      seRecordCount: 25,
    });
  });

  it("uses ID501 + ID502 without EA3, or with an EA3 that has no date", () => {
    expect(audit(example("EA3*", null))).toEqual({
      ...EXAMPLE_AUDIT,
      readAt: "2025-03-01T10:12:00",
      previousReadAt: null,
      readsSinceInit: null,
      recordCount: 15,
      seRecordCount: 15,
    });
    expect(audit(example("EA3*", "EA3*12**101500"))).toEqual({ ...EXAMPLE_AUDIT, readAt: "2025-03-01T10:12:00", previousReadAt: null });
    const shortId5 = replaceLine(replaceLine(EXAMPLE, "EA3*", "EA3*12**101500"), "ID5*", "ID5*250301*1012");
    expect(audit(dex(resealed(shortId5)))).toEqual({
      ...EXAMPLE_AUDIT,
      readAt: "2025-03-01T10:12:00",
      previousReadAt: null,
    });
  });

  it("is null, with a quality entry, without EA302 and ID501", () => {
    const lines = replaceLine(replaceLine(EXAMPLE, "EA3*", "EA3*12"), "ID5*", "ID5**101200");
    expect(audit(dex(resealed(lines)))).toEqual({
      ...EXAMPLE_AUDIT,
      readAt: null,
      previousReadAt: null,
      quality: [{ code: "no_read_time", message: "The file does not say when it was read: it has no EA302 or ID501 date." }],
    });
  });

  it.each([
    ["30 February", "EA3*12*20250230*101500", 'EA302 "20250230", EA303 "101500"'],
    ["29 February of a common year", "EA3*12*250229*1015", 'EA302 "250229", EA303 "1015"'],
    ["29 February 2100", "EA3*12*21000229*1015", 'EA302 "21000229", EA303 "1015"'],
    ["31 April", "EA3*12*250431*1015", 'EA302 "250431", EA303 "1015"'],
    ["month 13", "EA3*12*251301*1015", 'EA302 "251301", EA303 "1015"'],
    ["day 0", "EA3*12*250300*1015", 'EA302 "250300", EA303 "1015"'],
    ["hour 25", "EA3*12*250301*2515", 'EA302 "250301", EA303 "2515"'],
    ["hour 24", "EA3*12*250301*240000", 'EA302 "250301", EA303 "240000"'],
    ["minute 60", "EA3*12*250301*1060", 'EA302 "250301", EA303 "1060"'],
    ["second 60", "EA3*12*250301*101560", 'EA302 "250301", EA303 "101560"'],
    ["a seven-digit date", "EA3*12*2503011*1015", 'EA302 "2503011", EA303 "1015"'],
    ["a time with a colon", "EA3*12*250301*10:15", 'EA302 "250301", EA303 "10:15"'],
    ["a five-digit time", "EA3*12*250301*10150", 'EA302 "250301", EA303 "10150"'],
  ])("is null for an impossible date or time (%s), without falling back to ID5", (_name, ea3, shown) => {
    expect(audit(example("EA3*", ea3))).toEqual({
      ...EXAMPLE_AUDIT,
      readAt: null,
      previousReadAt: null,
      quality: [{ code: "impossible_read_time", message: `The read date and time (${shown}) are not a real date and time, so the read time is left empty.` }],
    });
  });

  it("is null for an impossible ID5 date when there is no EA3", () => {
    const lines = replaceLine(replaceLine(EXAMPLE, "EA3*", null), "ID5*", "ID5*20250231");
    expect(audit(dex(resealed(lines)))).toEqual({
      ...EXAMPLE_AUDIT,
      readAt: null,
      previousReadAt: null,
      readsSinceInit: null,
      recordCount: 15,
      seRecordCount: 15,
      quality: [{ code: "impossible_read_time", message: 'The read date and time (ID501 "20250231", ID502 "") are not a real date and time, so the read time is left empty.' }],
    });
  });

  it("reads the previous read from EA305 + EA306", () => {
    expect(audit(example("EA3*", "EA3*12*250301*101500**20250220*0930")).previousReadAt).toBe("2025-02-20T09:30:00");
    expect(audit(example("EA3*", "EA3*12*250301*101500**250220")).previousReadAt).toBe("2025-02-20T00:00:00");
    expect(audit(example("EA3*", "EA3*12*250301*101500**250230*0930"))).toEqual({ ...EXAMPLE_AUDIT, previousReadAt: null });
    expect(audit(example("EA3*", "EA3*12*250301*101500***0930"))).toEqual({ ...EXAMPLE_AUDIT, previousReadAt: null });
  });
});

describe("coin tubes", () => {
  it("reads each CA17, with 1/0 full status, and notes a status that is neither", () => {
    const lines = insertBefore(EXAMPLE, "DA2*", "CA17*00*5*12*0*0*0", "CA17*01*10**0*0*1", "CA17**25*x*0*0*2", "CA17*03*100*9");
    expect(audit(dex(resealed(lines)))).toEqual({
      ...EXAMPLE_AUDIT,
      coinTubes: [
        { tube: "00", coinValueMinor: 5, count: 12, full: false },
        { tube: "01", coinValueMinor: 10, count: null, full: true },
        { tube: null, coinValueMinor: 25, count: null, full: null },
        { tube: "03", coinValueMinor: 100, count: 9, full: null },
      ],
      recordCount: 20,
      seRecordCount: 20,
      quality: [
        { code: "non_numeric_field", message: 'CA1703 is not a number: "x". It is read as not given.' },
        { code: "non_numeric_field", message: 'CA1706 is not 1 or 0: "2". It is read as not given.' },
      ],
    });
  });

  it("reads cash in and dispensed since initialisation from CA3 and CA4", () => {
    const lines = insertBefore(EXAMPLE, "DA2*", "CA3*10*20*30*40*5000*1200*3800*2500", "CA4*100*200*700*0");
    expect(audit(dex(resealed(lines)))).toEqual({
      ...EXAMPLE_AUDIT,
      cashInMinor: 5000,
      cashToBoxMinor: 1200,
      cashToTubesMinor: 3800,
      billsInMinor: 2500,
      cashDispensedMinor: 700,
      recordCount: 18,
      seRecordCount: 18,
    });
  });
});

describe("truncated transfers", () => {
  const upTo = (prefix: string) => EXAMPLE.slice(0, EXAMPLE.findIndex((line) => line.startsWith(prefix)) + 1);

  it.each([
    ["after a PA2", dex(upTo("PA2*40*"))],
    ["inside a record", dex(upTo("PA2*40*")) + "PA2*27*54"],
    ["after G85, before SE", dex(upTo("G85*"))],
    ["after ST", dex(upTo("ST*"))],
    ["after DXS", dex(upTo("DXS*"))],
    ["after DXS, without line ending", EXAMPLE[0]!],
    ["behind a wrapper, with a trailer", `<000|x|\x11>${dex(upTo("PA2*27*"))}<AAAA|BBBB>`],
    ["of an ST-only file", fixture("st-only.dex").toString("latin1").split("G85*")[0]!],
    ["with a DXE before ST only", `DXS*A*VA*V0/6*1\r\nDXE*1*1\r\n${dex(upTo("PA2*40*").slice(1))}`],
  ])("are rejected: cut %s", (_name, body) => {
    expect(rejection(body)).toBe(TRUNCATED);
  });

  it("are rejected with LF or CR line endings too", () => {
    expect(rejection(dex(upTo("PA1*13*"), "\n"))).toBe(TRUNCATED);
    expect(rejection(dex(upTo("PA1*13*"), "\r"))).toBe(TRUNCATED);
  });

  it("are not: a DXE closes a file without SE", () => {
    const body = dex(replaceLine(EXAMPLE, "SE*", null));
    expect(audit(body)).toEqual({ ...EXAMPLE_AUDIT, recordCount: 15, seRecordCount: null });
    expect(contentOf(body)).toBe(body);
  });

  it("are not: an SE closes a file without DXE, or one cut after SE", () => {
    const withoutDxe = dex(upTo("SE*"));
    expect(audit(withoutDxe)).toEqual(EXAMPLE_AUDIT);
    expect(contentOf(withoutDxe)).toBe(withoutDxe);
    expect(audit(withoutDxe + "DX")).toEqual(EXAMPLE_AUDIT);
    expect(audit(withoutDxe + "ST*002*0002\r\nID1*NEXT\r\nPA1*1")).toEqual(EXAMPLE_AUDIT);
    expect(hashOf(withoutDxe + "ST*002*0002\r\nID1*NEXT\r\nPA1*1")).toBe(hashOf(withoutDxe));
  });

  it("are not: SE-1 closes the block like SE", () => {
    const body = example("SE*", "SE-1*16*0001");
    expect(audit(body)).toEqual(EXAMPLE_AUDIT);
    expect(audit(dex(replaceLine(upTo("SE*"), "SE*", "SE-1*16*0001")))).toEqual(EXAMPLE_AUDIT);
    expect(audit(dex(replaceLine(upTo("SE*"), "SE*", "SE-1")))).toEqual({ ...EXAMPLE_AUDIT, seRecordCount: null });
  });

  it("are not: DXS..DXE without an ST block gives an audit of nothing", () => {
    expect(audit("DXS*XYZ0000001*VA*V0/6*1\r\nDXE*1*1\r\n")).toEqual({
      ...NOTHING,
      quality: [
        { code: "no_serial", message: "The file has no machine serial number (ID101)." },
        { code: "no_read_time", message: "The file does not say when it was read: it has no EA302 or ID501 date." },
      ],
    });
  });
});

describe("bodies without DXS or ST", () => {
  it.each([
    ["an empty body", ""],
    ["random text", "The quick brown fox jumps over the lazy dog.\r\nVending is fun.\r\n"],
    ["JSON", '{"a":1}'],
    ["JSON events", '{"events":[{"id":"e1","type":"machine.heartbeat"}]}'],
    ["only a wrapper and a trailer", "<000|Operations|N&W|\x11>\r\n<AAAA|BBBB>"],
    ["records without DXS or ST", "ID1*XYZ*MODEL\r\nVA1*1*1\r\nSE*3*0001\r\nDXE*1*1\r\n"],
    ["ST and DXS inside words and elements", "TEST*1\r\nMC5*DXS*ST\r\nDXSE*1\r\nSTX*2\r\n"],
    ["ST as a word of a wrapper", "<000|ST |DXS x|\x11>\r\nST 1\r\n"],
  ])("are rejected: %s", (_name, body) => {
    expect(rejection(body)).toBe(NO_RECORDS);
  });

  it("are rejected: random bytes", () => {
    let seed = 12345;
    const random = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed >>> 23;
    });
    expect(rejection(random)).toBe(NO_RECORDS);
  });
});

describe("G85", () => {
  it("is ok with the CRC over the records up to and including the CRLF before G85", () => {
    expect(audit(example("G85*", "G85*DEB6")).crc).toBe("ok");
  });

  it("is ok without that last CRLF", () => {
    expect(audit(dex(replaceLine(EXAMPLE, "G85*", "G85*23B9")))).toEqual(EXAMPLE_AUDIT);
  });

  it("is ok in lower case and with spaces around it", () => {
    expect(audit(dex(replaceLine(EXAMPLE, "G85*", "G85*deb6")))).toEqual(EXAMPLE_AUDIT);
    expect(audit(dex(replaceLine(EXAMPLE, "G85*", "G85* dEb6 ")))).toEqual(EXAMPLE_AUDIT);
  });

  it("is a mismatch, noted in quality and still accepted, when it differs", () => {
    const wrong = (value: string) => ({
      ...EXAMPLE_AUDIT,
      crc: "mismatch",
      quality: [{ code: "crc_mismatch", message: `The check value in G85 (${value}) does not match the file's content (DEB6 expected): the file may have been damaged on its way.` }],
    });
    expect(audit(dex(replaceLine(EXAMPLE, "G85*", "G85*DEB7")))).toEqual(wrong('"DEB7"'));
    expect(audit(dex(replaceLine(EXAMPLE, "G85*", "G85*")))).toEqual(wrong("no value"));
    expect(audit(dex(replaceLine(EXAMPLE, "G85*", "G85*ZZZZ")))).toEqual(wrong('"ZZZZ"'));
    expect(audit(dex(replaceLine(EXAMPLE, "G85*", "G85*0DEB6")))).toEqual(wrong('"0DEB6"'));
  });

  it("is a mismatch when a counter changed after the CRC was written", () => {
    const lines = replaceLine(EXAMPLE, "VA1*", "VA1*11500*67*2600*12");
    const expected = crc16arc(bytes(dex(lines.slice(1, 15)))).toString(16).toUpperCase().padStart(4, "0");
    expect(expected).not.toBe("DEB6");
    expect(audit(dex(lines))).toEqual({
      ...EXAMPLE_AUDIT,
      paidVends: { count: 67, valueMinor: 11500 },
      crc: "mismatch",
      quality: [{ code: "crc_mismatch", message: `The check value in G85 ("DEB6") does not match the file's content (${expected} expected): the file may have been damaged on its way.` }],
    });
  });

  it("is absent without a G85 record", () => {
    expect(audit(example("G85*", null))).toEqual({ ...EXAMPLE_AUDIT, crc: "absent", recordCount: 15, seRecordCount: 15 });
  });
});

describe("SE record count", () => {
  it("accepts a count that disagrees, with a quality entry", () => {
    expect(audit(dex(replaceLine(EXAMPLE, "SE*", "SE*17*0001")))).toEqual({
      ...EXAMPLE_AUDIT,
      seRecordCount: 17,
      quality: [{ code: "se_count_mismatch", message: "The SE record says the file has 17 records, but 16 were counted. The file is accepted anyway." }],
    });
  });

  it("has no count to compare when SE01 is not given", () => {
    expect(audit(dex(replaceLine(EXAMPLE, "SE*", "SE**0001")))).toEqual({ ...EXAMPLE_AUDIT, seRecordCount: null });
  });
});

describe("the content key", () => {
  it("is the same for the same DEX with other wrappers, trailers and line endings", () => {
    const same = [
      EXAMPLE_CRLF,
      dex(EXAMPLE, "\n"),
      dex(EXAMPLE, "\r"),
      `<000|Operations|N&W BlueRed|\x11>${EXAMPLE_CRLF}`,
      `MC5*0*TLM\r\n<W|\xd1>${dex(EXAMPLE, "\n")}<AAAA|BBBB>`,
      `${dex(EXAMPLE, "\r")}\r\rXX1*END\r`,
    ];
    const hashes = same.map(hashOf);
    expect(new Set(hashes).size).toBe(1);
    expect(same.map(contentOf)).toEqual(same.map(() => EXAMPLE_CRLF));
  });

  it("differs when only G85 differs", () => {
    const other = dex(replaceLine(EXAMPLE, "G85*", "G85*23B9"));
    expect(audit(other)).toEqual(EXAMPLE_AUDIT);
    expect(hashOf(other)).not.toBe(hashOf(EXAMPLE_CRLF));
  });

  it("differs when a record differs, is added, or comes after SE", () => {
    const base = hashOf(EXAMPLE_CRLF);
    expect(hashOf(dex(replaceLine(EXAMPLE, "PA1*13*", "PA1*13*260")))).not.toBe(base);
    expect(hashOf(dex(insertBefore(EXAMPLE, "G85*", "MA5*1")))).not.toBe(base);
    expect(hashOf(dex(insertBefore(EXAMPLE, "DXE*", "MA5*1")))).not.toBe(base);
    expect(hashOf(dex(replaceLine(EXAMPLE, "DXS*", "DXS*XYZ0000002*VA*V0/6*1")))).not.toBe(base);
  });

  it("is the SHA-256 of the content", () => {
    for (const name of ["audits-md-example.dex", "nw-bluered-wrapper.dex", "crane-lf.dex", "sanden-vendo-cr.dex", "italian-telemetry-se1.dex", "coinco-many-pa.dex", "japan-ca17.dex", "st-only.dex"]) {
      const result = accepted(parseDex(fixture(name)));
      expect(result.contentHash, name).toBe(createHash("sha256").update(result.content).digest("hex"));
    }
  });
});
