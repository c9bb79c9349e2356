import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineAudits, machines } from "~/db/schema";
import { setMachineDisabled } from "~/server/fleet";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { dexBytes, dexText, sendAudit } from "~/test/dex";
import { asOwner, createMachineWithPlanogram } from "~/test/machines";
import { countRows } from "~/test/rows";
import { MACHINE_RATE_LIMIT } from "./events-request";

// POST /api/v1/machines/{machineId}/audits, as docs/machine-audits-v1.md publishes it: every
// answer, in the published order of checks, with the signature over the raw bytes.

let t: TestDatabase;
let m: Awaited<ReturnType<typeof createMachineWithPlanogram>>;
beforeAll(async () => {
  t = await createTestDatabase();
  m = await createMachineWithPlanogram(t.db);
});
afterAll(async () => {
  await t.drop();
});

/** The contract's example, byte for byte, with CRLF line endings. */
const EXAMPLE = [
  "DXS*XYZ0000001*VA*V0/6*1",
  "ST*001*0001",
  "ID1*XYZ123456789*MODEL 1**0",
  "ID4*2*1978*EUR",
  "ID5*20250301*101200",
  "VA1*11400*67*2600*12",
  "CA2*9055*55*2000*10",
  "DA2*2345*12*600*2",
  "PA1*11*150*COLA",
  "PA2*40*6000*8*1200",
  "PA1*12*200*WATER",
  "PA2*27*5400*4*800",
  "PA1*13*250",
  "EA1*EGS*250228*1700",
  "EA3*12*250301*101500**250220*093000",
  "G85*DEB6",
  "SE*16*0001",
  "DXE*1*1",
  "",
].join("\r\n");

const auditsOf = (machineId: string) => countRows(t.db, machineAudits, eq(machineAudits.machineId, machineId));

describe("audit upload: accepted files", () => {
  it("answers the contract's example exactly, signed with the standardwebhooks library", async () => {
    const machine = await createMachineWithPlanogram(t.db);
    const res = await sendAudit(t.db, machine.machine.id, machine.secret, EXAMPLE, { signer: "library" });
    expect(res.status).toBe(200);
    const { id, machineId, receivedAt, quality, ...fields } = res.json.audit!;
    expect(id).toMatch(/^aud_[A-Za-z0-9]{22}$/);
    expect(machineId).toBe(machine.machine.id);
    expect(Date.parse(receivedAt)).not.toBeNaN();
    expect(fields).toEqual({
      status: "accepted",
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
    });
    // Quality is an array of { code, message }: here the serial is not the one registered, and a
    // machine uploading a read from 2025 has a clock to check.
    expect(quality.map((q) => q.code)).toEqual(["serial_mismatch", "clock_suspect"]);
    for (const q of quality) expect(q).toEqual({ code: expect.any(String), message: expect.any(String) });
    // The raw bytes are kept as sent.
    const [row] = await t.db.select({ raw: machineAudits.raw }).from(machineAudits).where(eq(machineAudits.id, id));
    expect(Buffer.from(row!.raw).toString("latin1")).toBe(EXAMPLE);
  });

  it("verifies the HMAC over the raw bytes: a non-UTF-8 wrapper byte is fine signed as bytes, and refused when signed after decoding", async () => {
    const machine = await createMachineWithPlanogram(t.db);
    const body = Buffer.concat([Buffer.from("<000|Operations|N&W BlueRed Pc54601|20191206|094751|daa|00001|", "latin1"), Buffer.from([0xd1]), Buffer.from(">"), dexBytes({ serial: machine.machine.serial })]);
    // Decoding turns 0xD1 into U+FFFD, which changes the HMAC: the library's signer is wrong here.
    const decoded = await sendAudit(t.db, machine.machine.id, machine.secret, body, { signer: "library" });
    expect(decoded.status).toBe(401);
    expect(decoded.json.error).toMatchObject({ code: "invalid_signature" });
    const bytes = await sendAudit(t.db, machine.machine.id, machine.secret, body, { signer: "bytes" });
    expect(bytes.status).toBe(200);
    expect(bytes.json.audit).toMatchObject({ status: "accepted", machineSerial: machine.machine.serial, crc: "ok", quality: [] });
    const [row] = await t.db.select({ raw: machineAudits.raw }).from(machineAudits).where(eq(machineAudits.id, bytes.json.audit!.id));
    expect(Buffer.from(row!.raw).equals(body)).toBe(true);
  });

  it("takes text/plain with or without a charset, and application/octet-stream", async () => {
    const machine = await createMachineWithPlanogram(t.db);
    const types = ["text/plain", "text/plain; charset=ISO-8859-1", "TEXT/PLAIN;charset=utf-8", "application/octet-stream"];
    for (const [i, contentType] of types.entries()) {
      const res = await sendAudit(t.db, machine.machine.id, machine.secret, dexBytes({ serial: machine.machine.serial, date: `2026010${i + 1}` }), { contentType });
      expect(res.status, contentType).toBe(200);
      expect(res.json.audit!.status).toBe("accepted");
    }
    expect(await auditsOf(machine.machine.id)).toBe(types.length);
  });

  it("answers a CRC mismatch and a wrong SE count with 200 and notes", async () => {
    const machine = await createMachineWithPlanogram(t.db);
    const text = dexText({ serial: machine.machine.serial }).replace(/G85\*[0-9A-F]{4}/, "G85*0000").replace(/SE\*\d+\*/, "SE*99*");
    const res = await sendAudit(t.db, machine.machine.id, machine.secret, text);
    expect(res.status).toBe(200);
    expect(res.json.audit!.crc).toBe("mismatch");
    expect(res.json.audit!.quality.map((q) => q.code).sort()).toEqual(["crc_mismatch", "se_count_mismatch"]);
  });
});

describe("audit upload: duplicates", () => {
  it("stores the same DEX content once, whatever its wrapper, trailer or line endings, and answers the same id", async () => {
    const machine = await createMachineWithPlanogram(t.db);
    const audit = { serial: machine.machine.serial, date: "20260301", time: "101500", paid: { count: 5, value: 750 }, selections: [{ selection: "11", price: 150, count: 5 }] };
    const first = await sendAudit(t.db, machine.machine.id, machine.secret, dexBytes(audit));
    expect(first.json.audit!.status).toBe("accepted");
    const variants = [dexBytes(audit), dexBytes({ ...audit, eol: "\n" }), dexBytes({ ...audit, eol: "\r" }), dexBytes({ ...audit, wrapper: "MC5*X*Y\r\n", trailer: "<AAAA|BBBB>" })];
    for (const body of variants) {
      const again = await sendAudit(t.db, machine.machine.id, machine.secret, body);
      expect(again.status).toBe(200);
      const { status, receivedAt: _r, ...rest } = again.json.audit!;
      const { status: _s, receivedAt: _r0, ...original } = first.json.audit!;
      expect(status).toBe("duplicate");
      expect(rest).toEqual(original);
    }
    expect(await auditsOf(machine.machine.id)).toBe(1);
    // Only the G85 differs: another audit.
    const other = dexText(audit).replace(/G85\*[0-9A-F]{4}/, "G85*FFFF");
    const res = await sendAudit(t.db, machine.machine.id, machine.secret, other);
    expect(res.json.audit).toMatchObject({ status: "accepted", crc: "mismatch" });
    expect(res.json.audit!.id).not.toBe(first.json.audit!.id);
    expect(await auditsOf(machine.machine.id)).toBe(2);
  });

  it("stores one audit when the same file races in from several requests", async () => {
    const machine = await createMachineWithPlanogram(t.db);
    const body = dexBytes({ serial: machine.machine.serial, date: "20260302" });
    const answers = await Promise.all(Array.from({ length: 5 }, () => sendAudit(t.db, machine.machine.id, machine.secret, body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.json.audit!.id)).size).toBe(1);
    expect(answers.filter((a) => a.json.audit!.status === "accepted")).toHaveLength(1);
    expect(await auditsOf(machine.machine.id)).toBe(1);
  });
});

describe("audit upload: refusals, in the published order", () => {
  it("415 for other content types, before anything else", async () => {
    for (const contentType of ["application/json", "text/html", "multipart/form-data; boundary=x", null]) {
      const res = await sendAudit(t.db, m.machine.id, m.secret, EXAMPLE, { contentType, secret: "whsec_AAAA" });
      expect(res.status, String(contentType)).toBe(415);
      expect(res.json.error).toMatchObject({ code: "unsupported_media_type", message: expect.stringContaining("text/plain") });
    }
  });

  it("413 for a body of 1 MiB + 1 byte, and takes exactly 1 MiB", async () => {
    const file = dexBytes({ serial: m.machine.serial, date: "20260303" });
    const pad = (size: number) => Buffer.concat([file, Buffer.alloc(size - file.byteLength, 0x20)]);
    const over = await sendAudit(t.db, m.machine.id, m.secret, pad(1_048_577), { secret: "whsec_AAAA" });
    expect(over.status).toBe(413);
    expect(over.json.error).toMatchObject({ code: "payload_too_large" });
    const exact = await sendAudit(t.db, m.machine.id, m.secret, pad(1_048_576));
    expect(exact.status).toBe(200);
    expect(exact.json.audit!.status).toBe("accepted");
  });

  it("401 for an unknown machine, a missing, wrong or stale signature; invalid content is not looked at first", async () => {
    const garbage = "not an audit";
    const cases: [string, Parameters<typeof sendAudit>[4], string][] = [
      ["mch_doesnotexist0000000000", {}, "unknown_machine"],
      [m.machine.id, { headers: { "webhook-signature": null } }, "missing_signature"],
      [m.machine.id, { headers: { "webhook-id": null } }, "missing_signature"],
      [m.machine.id, { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }, "invalid_signature"],
      [m.machine.id, { timestamp: new Date(Date.now() - 6 * 60_000) }, "stale_timestamp"],
      [m.machine.id, { timestamp: new Date(Date.now() + 6 * 60_000) }, "stale_timestamp"],
    ];
    for (const [machineId, options, code] of cases) {
      const res = await sendAudit(t.db, machineId, m.secret, garbage, options);
      expect(res.status, code).toBe(401);
      expect(res.json.error).toMatchObject({ code, message: expect.any(String) });
    }
  });

  it("403 for a disabled machine, before the content is read", async () => {
    const machine = await createMachineWithPlanogram(t.db);
    await asOwner(t.db, machine.org.id, machine.owner.id, (ctx) => setMachineDisabled(ctx, { machineId: machine.machine.id, disabled: true }));
    const res = await sendAudit(t.db, machine.machine.id, machine.secret, "not an audit");
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ code: "machine_disabled" });
  });

  it("429 with retry-after beyond the machine's rate limit (shared with its events), before the content is read", async () => {
    const machine = await createMachineWithPlanogram(t.db);
    await t.db
      .update(machines)
      .set({ requestWindowStartedAt: sql`now()`, requestWindowCount: MACHINE_RATE_LIMIT.requests })
      .where(eq(machines.id, machine.machine.id));
    const res = await sendAudit(t.db, machine.machine.id, machine.secret, "not an audit");
    expect(res.status).toBe(429);
    expect(res.json.error).toMatchObject({ code: "rate_limited" });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("400 invalid_dex only for a body with no DXS or ST record and for a truncated transfer", async () => {
    const machine = await createMachineWithPlanogram(t.db);
    const bodies: [string, string | Buffer][] = [
      ["random text", "hello, this is not an audit\r\n"],
      ["JSON", JSON.stringify({ events: [] })],
      ["empty", ""],
      ["truncated after the data", dexBytes({ serial: machine.machine.serial, truncated: true, selections: [{ selection: "11", price: 150, count: 3 }] })],
      ["cut inside a record", dexText({ serial: machine.machine.serial }).slice(0, 80)],
    ];
    for (const [name, body] of bodies) {
      const res = await sendAudit(t.db, machine.machine.id, machine.secret, body);
      expect(res.status, name).toBe(400);
      expect(res.json.error, name).toMatchObject({ code: "invalid_dex", message: expect.any(String) });
    }
    expect(await auditsOf(machine.machine.id)).toBe(0);
    // Not rejected: a missing ID1, a wrong SE count, records after SE, an `SE-1`.
    const lenient = [
      dexBytes({ serial: null, date: "20260304" }),
      Buffer.from(dexText({ serial: machine.machine.serial, date: "20260305" }).replace("DXE*1*1", "MA5*ERR*1\r\nDXE*1*1"), "latin1"),
      Buffer.from(dexText({ serial: machine.machine.serial, date: "20260306" }).replace(/SE\*\d+\*0001/, "SE-1*1*0001"), "latin1"),
    ];
    for (const body of lenient) expect((await sendAudit(t.db, machine.machine.id, machine.secret, body)).status).toBe(200);
    const [noSerial] = await t.db
      .select({ quality: machineAudits.quality })
      .from(machineAudits)
      .where(and(eq(machineAudits.machineId, machine.machine.id), sql`${machineAudits.machineSerial} is null`));
    expect(noSerial!.quality.map((q) => q.code)).toContain("no_serial");
  });
});
