import { describe, expect, it } from "vitest";
import { bytesToBase64, bytesToText, dexSerial } from "./audit-file";
import { formatAuditAmount, missedBySlot } from "./audit-format";

describe("reading an audit file in the browser", () => {
  it("finds the serial of ID1 whatever the line endings and padding", () => {
    expect(dexSerial("DXS*X*VA*V0/6*1\r\nST*001*0001\r\nID1*XYZ123456789*MODEL 1**0\r\n")).toBe("XYZ123456789");
    expect(dexSerial("ST*001*0001\nID1* SN-7 *M\n")).toBe("SN-7");
    expect(dexSerial("ST*001*0001\rID1*CR-1\rID4*2\r")).toBe("CR-1");
    expect(dexSerial("ST*001*0001\r\nID1**MODEL\r\n")).toBeNull();
    expect(dexSerial("ST*001*0001\r\nID4*2*1978*EUR\r\n")).toBeNull();
    // ID101 only: ID10 or an ID1 inside another record is not it.
    expect(dexSerial("IDX*1\r\nPA1*ID1*2\r\nID1*REAL\r\n")).toBe("REAL");
  });

  it("keeps bytes that are not UTF-8 as they are", () => {
    const bytes = Uint8Array.from([0x49, 0x44, 0x31, 0x2a, 0xc9, 0xff, 0x0d, 0x0a]);
    expect(bytesToText(bytes)).toBe("ID1*\u00c9\u00ff\r\n");
    expect(Buffer.from(bytesToBase64(bytes), "base64")).toEqual(Buffer.from(bytes));
    expect(dexSerial(bytesToText(bytes))).toBe("\u00c9\u00ff");
  });
});

describe("audit figures on pages", () => {
  it("shows values at the file's decimal point with its currency", () => {
    expect(formatAuditAmount(11400, 2, "EUR")).toBe("114.00 EUR");
    expect(formatAuditAmount(250, 0, "JPY")).toBe("250 JPY");
    expect(formatAuditAmount(1234567, 3, null)).toBe("1,234.567");
    expect(formatAuditAmount(null, 2, "EUR")).toBe("—");
  });

  it("counts vends telemetry missed per slot, selections sharing a slot together", () => {
    const row = (slotCode: string | null, units: number | null, recordedUnits: number | null, flag: string | null = null) => ({ slotCode, units, recordedUnits, flag });
    expect(missedBySlot([row("A1", 7, 3), row("A2", 2, 2), row("A3", 3, 1), row("A3", 2, 1), row(null, 9, null), row("B1", 5, 0, "reset")])).toEqual([
      { slot: "A1", missed: 4 },
      { slot: "A3", missed: 4 },
    ]);
  });
});
