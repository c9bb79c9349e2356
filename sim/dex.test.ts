import { createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { MachineClient, sendAudit, signRawBody } from "./client";
import { crc16Arc, selectionOf, vendorWrapper, writeDexAudit, type DexCounters } from "./dex";
import { MachineModel, type MachineSpec } from "./model";

const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
const ascii = (text: string) => new TextEncoder().encode(text);
const crcHex = (bytes: Uint8Array) => crc16Arc(bytes).toString(16).toUpperCase().padStart(4, "0");

const counters: DexCounters = {
  paid: { count: 67, valueMinor: 11400 },
  cash: { count: 55, valueMinor: 9055 },
  cashless: { count: 12, valueMinor: 2345 },
  sinceReset: { paid: { count: 12, valueMinor: 2600 }, cash: { count: 10, valueMinor: 2000 }, cashless: { count: 2, valueMinor: 600 } },
  selections: [
    { selection: "11", priceMinor: 150, paid: { count: 40, valueMinor: 6000 }, paidSinceReset: { count: 8, valueMinor: 1200 } },
    { selection: "12", priceMinor: 200, paid: { count: 27, valueMinor: 5400 } },
    { selection: "A1", priceMinor: 250, paid: { count: 0, valueMinor: 0 }, product: "COLA" },
  ],
  coinTubes: [
    { coinMinor: 10, count: 31 },
    { coinMinor: 50, count: 12 },
  ],
};
const readAt = Date.UTC(2025, 2, 1, 9, 15, 30); // 10:15 in Berlin
const options = { serial: "XYZ123456789", model: "MODEL 1", currency: "EUR", readAt, timeZone: "Europe/Berlin", previousReadAt: Date.UTC(2025, 1, 20, 8, 30), readCount: 12 };

/** Records as text lines (any line ending), from the first DXS on: a tiny reading for these tests. */
function records(bytes: Uint8Array): string[][] {
  const text = Buffer.from(bytes).toString("latin1");
  const lines = text.slice(text.indexOf("DXS*")).split(/\r\n|\r|\n/).filter(Boolean);
  return lines.map((line) => line.split("*").map((e) => e.trim()));
}
const first = (recs: string[][], id: string) => recs.find((r) => r[0] === id);
const num = (x: string | undefined) => (x === undefined || x === "" ? null : Number(x));

/** G85 as the contract checks it: line endings normalised to CRLF, ST through the CRLF before G85 (or without that CRLF). */
function g85Verifies(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString("latin1").replace(/\r\n|\r|\n/g, "\r\n");
  const st = text.indexOf("ST*");
  const g85 = text.indexOf("\r\nG85*") + 2;
  const written = /^G85\*([0-9A-Fa-f]{4})/.exec(text.slice(g85))![1]!.toUpperCase();
  const covered = Buffer.from(text.slice(st, g85), "latin1");
  return written === crcHex(covered) || written === crcHex(covered.subarray(0, covered.length - 2));
}

describe("CRC-16/ARC", () => {
  it("has the check value 0xBB3D over 123456789", () => {
    expect(crc16Arc(ascii("123456789"))).toBe(0xbb3d);
    expect(crc16Arc(ascii("56789"), crc16Arc(ascii("1234")))).toBe(0xbb3d);
  });

  it("gives the G85 of the contract's example file", () => {
    const example = [
      "ST*001*0001", "ID1*XYZ123456789*MODEL 1**0", "ID4*2*1978*EUR", "ID5*20250301*101200", "VA1*11400*67*2600*12",
      "CA2*9055*55*2000*10", "DA2*2345*12*600*2", "PA1*11*150*COLA", "PA2*40*6000*8*1200", "PA1*12*200*WATER",
      "PA2*27*5400*4*800", "PA1*13*250", "EA1*EGS*250228*1700", "EA3*12*250301*101500**250220*093000",
    ];
    expect(crcHex(ascii(`${example.join("\r\n")}\r\n`))).toBe("DEB6");
  });
});

describe("writeDexAudit", () => {
  it("writes CRLF records from DXS to DXE, with a G85 that verifies and an SE that counts ST through SE", () => {
    const bytes = writeDexAudit(counters, options);
    const text = Buffer.from(bytes).toString("latin1");
    expect(text.startsWith("DXS*")).toBe(true);
    expect(text.endsWith("DXE*1*1\r\n")).toBe(true);
    expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    expect(g85Verifies(bytes)).toBe(true);
    const recs = records(bytes);
    const ids = recs.map((r) => r[0]);
    expect(ids.slice(0, 8)).toEqual(["DXS", "ST", "ID1", "ID4", "ID5", "VA1", "CA2", "CA17"]);
    expect(ids.slice(-4)).toEqual(["EA3", "G85", "SE", "DXE"]);
    expect(num(first(recs, "SE")![1])).toBe(ids.indexOf("SE") - ids.indexOf("ST") + 1);
    // The G85 covers exactly ST through the CRLF before it.
    const g85 = first(recs, "G85")![1];
    expect(g85).toBe(crcHex(ascii(text.slice(text.indexOf("ST*"), text.indexOf("G85*")))));
  });

  it("writes the header, money and dates as EVA-DTS does", () => {
    const recs = records(writeDexAudit(counters, options));
    expect(first(recs, "ID1")!.slice(1, 3)).toEqual(["XYZ123456789", "MODEL 1"]);
    expect(first(recs, "ID4")).toEqual(["ID4", "2", "1978", "EUR"]);
    expect(first(recs, "ID5")).toEqual(["ID5", "20250301", "1015"]);
    expect(first(recs, "VA1")).toEqual(["VA1", "11400", "67", "2600", "12"]);
    expect(first(recs, "CA2")).toEqual(["CA2", "9055", "55", "2000", "10"]);
    expect(first(recs, "DA2")).toEqual(["DA2", "2345", "12", "600", "2"]);
    expect(recs.filter((r) => r[0] === "CA17")).toEqual([["CA17", "00", "10", "31"], ["CA17", "01", "50", "12"]]);
    expect(first(recs, "EA3")).toEqual(["EA3", "12", "250301", "1015", "", "250220", "0930"]);
    expect(first(records(writeDexAudit(counters, { ...options, currency: "JPY" })), "ID4")).toEqual(["ID4", "0", "1392", "JPY"]);
    expect(first(records(writeDexAudit(counters, { ...options, previousReadAt: null })), "EA3")).toEqual(["EA3", "12", "250301", "1015"]);
  });

  it("round-trips the counters through PA1/PA2", () => {
    const recs = records(writeDexAudit(counters, options));
    const read: { selection: string; priceMinor: number | null; paidCount: number | null; paidValueMinor: number | null }[] = [];
    for (const r of recs) {
      if (r[0] === "PA1") read.push({ selection: r[1]!, priceMinor: num(r[2]), paidCount: null, paidValueMinor: null });
      if (r[0] === "PA2" && read.length > 0) Object.assign(read[read.length - 1]!, { paidCount: num(r[1]), paidValueMinor: num(r[2]) });
    }
    expect(read).toEqual(counters.selections.map((s) => ({ selection: s.selection, priceMinor: s.priceMinor, paidCount: s.paid.count, paidValueMinor: s.paid.valueMinor })));
    expect(recs.filter((r) => r[0] === "PA2")[0]).toEqual(["PA2", "40", "6000", "8", "1200"]);
    // Without since-reset counters, a machine that never resets writes the since-initialisation ones.
    expect(recs.filter((r) => r[0] === "PA2")[1]).toEqual(["PA2", "27", "5400", "27", "5400"]);
    expect(first(recs, "PA1")).toEqual(["PA1", "11", "150"]);
    expect(recs.filter((r) => r[0] === "PA1")[2]).toEqual(["PA1", "A1", "250", "COLA"]);
  });

  it("imitates other makers: LF endings, a wrapper with a byte that is not UTF-8, a trailer, the short CRC", () => {
    const wrapper = vendorWrapper("N&W BlueRed Pc54601", readAt, "Europe/Berlin");
    const bytes = writeDexAudit(counters, { ...options, lineEnding: "lf", wrapper, trailer: "<AAAA|BBBB>" });
    const text = Buffer.from(bytes).toString("latin1");
    expect(text).toMatch(/^<000\|Operations\|N&W BlueRed Pc54601\|20250301\|101530\|daa\|00001\|[\x07-\xd1]>DXS\*/);
    expect(text).not.toContain("\r");
    expect(text.endsWith("DXE*1*1\n<AAAA|BBBB>")).toBe(true);
    expect(g85Verifies(bytes)).toBe(true);
    // The same records as the CRLF file: the CRC does not depend on the line endings.
    expect(first(records(bytes), "G85")).toEqual(first(records(writeDexAudit(counters, options)), "G85"));
    const check = wrapper[wrapper.length - 2]!;
    expect(check).toBeGreaterThanOrEqual(0x07);
    expect(check).toBeLessThanOrEqual(0xd1);

    const short = writeDexAudit(counters, { ...options, crc: "no-last-crlf" });
    const shortText = Buffer.from(short).toString("latin1");
    expect(first(records(short), "G85")![1]).toBe(crcHex(ascii(shortText.slice(shortText.indexOf("ST*"), shortText.indexOf("\r\nG85*")))));
    const none = records(writeDexAudit(counters, { ...options, crc: "none" }));
    expect(first(none, "G85")).toBeUndefined();
    expect(num(first(none, "SE")![1])).toBe(none.length - 2);
  });

  it("keeps elements clean and refuses numbers DEX cannot write", () => {
    const recs = records(writeDexAudit(counters, { ...options, serial: " AB*12\r\n ", model: "X*Y" }));
    expect(first(recs, "ID1")!.slice(1, 3)).toEqual(["AB 12", "X Y"]);
    expect(() => writeDexAudit({ ...counters, paid: { count: -1, valueMinor: 0 } }, options)).toThrow(/unsigned/);
    expect(() => writeDexAudit({ ...counters, paid: { count: 1.5, valueMinor: 0 } }, options)).toThrow(/unsigned/);
  });

  it("numbers selections as a person expects", () => {
    expect(["A1", "B3", "F8", "C10"].map((s) => selectionOf(s, "numeric"))).toEqual(["11", "23", "68", "310"]);
    expect(selectionOf("B3", "slot")).toBe("B3");
    expect(selectionOf("X-1", "numeric")).toBe("X-1");
  });

  // The server's parser is written separately; once it exists, it must read back what the sim writes.
  const parserFile = path.resolve(import.meta.dirname, "../server/ingest/dex/parse.ts");
  it.skipIf(!existsSync(parserFile))("is read back by the server's parser (server/ingest/dex/parse.ts)", async () => {
    // A computed specifier: the parser may not exist yet when this file is type-checked.
    const specifier = "../server/ingest/dex/parse";
    type Parsed = { ok: true; audit: Record<string, unknown> & { quality: unknown[] }; contentHash: string } | { ok: false; message: string };
    const { parseDex } = (await import(/* @vite-ignore */ specifier)) as { parseDex: (bytes: Uint8Array) => Parsed };
    const expected = {
      machineSerial: "XYZ123456789",
      readAt: "2025-03-01T10:15:00",
      decimals: 2,
      currency: "EUR",
      paidVends: { count: 67, valueMinor: 11400 },
      cashSalesMinor: 9055,
      cashlessSalesMinor: 2345,
      selections: counters.selections.map((s) => ({ selection: s.selection, priceMinor: s.priceMinor, paidCount: s.paid.count, paidValueMinor: s.paid.valueMinor })),
      crc: "ok",
      quality: [],
    };
    const plain = parseDex(writeDexAudit(counters, options));
    expect(plain).toMatchObject({ ok: true, audit: expected });
    const wrapped = parseDex(writeDexAudit(counters, { ...options, lineEnding: "lf", wrapper: vendorWrapper("N&W", readAt), trailer: "<AAAA|BBBB>" }));
    expect(wrapped).toMatchObject({ ok: true, audit: expected });
    // The same records behind another wrapper and other line endings are the same audit (a duplicate).
    expect(wrapped.ok && plain.ok && wrapped.contentHash === plain.contentHash).toBe(true);
    expect(parseDex(writeDexAudit(counters, { ...options, crc: "no-last-crlf" }))).toMatchObject({ ok: true, audit: { crc: "ok" } });

    // What the simulated machines upload reads back as they counted it, with nothing to remark.
    const model = new MachineModel(
      { kind: "office", timeZone: "Europe/Berlin", currency: "EUR", dailyVends: 40, coolingC: 4, slots: [{ code: "A1", priceMinor: 150, capacity: 10, parLevel: 3, weight: 1 }, { code: "B2", priceMinor: 220, capacity: 10, parLevel: 3, weight: 2 }] },
      { seed: "parse", start: Date.UTC(2026, 2, 2, 5), commission: true },
    );
    model.enableAudits({ serial: "VC-C32-111111", model: "VendCo C-32 Combo", dialect: "wrapped" });
    model.advance(Date.UTC(2026, 2, 9, 5));
    const audits = model.takeAudits();
    expect(audits.length).toBeGreaterThan(1);
    for (const audit of audits) {
      const c = audit.counters;
      expect(parseDex(audit.body)).toMatchObject({
        ok: true,
        audit: {
          machineSerial: "VC-C32-111111",
          currency: "EUR",
          paidVends: { count: c.paid.count, valueMinor: c.paid.valueMinor },
          cashSalesMinor: c.cash.valueMinor,
          cashlessSalesMinor: c.cashless.valueMinor,
          selections: c.selections.map((s) => ({ selection: s.selection, priceMinor: s.priceMinor, paidCount: s.paid.count, paidValueMinor: s.paid.valueMinor })),
          crc: "ok",
          quality: [],
        },
      });
    }
  });
});

describe("signing the raw bytes", () => {
  const id = "msg_audit1";
  const at = new Date(1_740_000_000_000);
  const hmac = (bytes: Uint8Array) =>
    `v1,${createHmac("sha256", Buffer.from(secret.slice(6), "base64")).update(Buffer.concat([Buffer.from(`${id}.${Math.floor(+at / 1000)}.`), bytes])).digest("base64")}`;

  it("equals standardwebhooks' sign for a UTF-8 body", () => {
    const body = writeDexAudit(counters, { ...options, model: "Kühlautomat" });
    expect(signRawBody(secret, id, at, body)).toBe(new Webhook(secret).sign(id, at, Buffer.from(body)));
    expect(signRawBody(secret, id, at, body)).toBe(hmac(body));
    // A UTF-8 body also verifies with the library, given { jsonParse: false } (else it JSON-parses it).
    const headers = { "webhook-id": id, "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": signRawBody(secret, id, new Date(), body) };
    expect(() => new Webhook(secret).verify(Buffer.from(body), headers, { jsonParse: false })).not.toThrow();
    expect(() => new Webhook(secret).verify(Buffer.from(body), headers)).toThrow();
  });

  it("differs from what sign gives once a Latin-1 byte is decoded to U+FFFD: that is why bytes are signed", () => {
    const body = writeDexAudit(counters, { ...options, wrapper: Uint8Array.from([...ascii("<000|Operations|X|"), 0xd1, 0x3e]) });
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(body)).toThrow();
    const decoded = new TextDecoder().decode(body);
    expect(decoded).toContain("\uFFFD");
    const bytesSignature = signRawBody(secret, id, at, body);
    expect(bytesSignature).toBe(hmac(body));
    expect(bytesSignature).not.toBe(new Webhook(secret).sign(id, at, decoded));
    expect(bytesSignature).not.toBe(new Webhook(secret).sign(id, at, Buffer.from(body)));
  });
});

describe("sendAudit", () => {
  type Call = { url: string; headers: Record<string, string>; body: Uint8Array };
  const answer = { id: "aud_1", status: "accepted", crc: "ok", quality: [] };
  /** A fake server that answers from a script and records what it got. */
  function server(script: (() => Response)[]) {
    const calls: Call[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string>, body: new Uint8Array(init.body as Uint8Array) });
      const next = script.shift();
      if (!next) throw new Error("no more answers");
      return next();
    }) as unknown as typeof globalThis.fetch;
    return { calls, fetch };
  }
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  const body = Uint8Array.from([...ascii("<x|"), 0xd1, 0x3e, ...writeDexAudit(counters, options)]);
  const now = 1_740_000_000_000;

  it("posts the bytes as text/plain, signed over the bytes, and returns the answer", async () => {
    const s = server([json(200, { audit: answer })]);
    const result = await sendAudit(body, { baseUrl: "http://vendops.test/", machineId: "mch_1/x", secret, fetch: s.fetch, now: () => now, webhookId: "msg_a" });
    expect(result).toMatchObject({ ok: true, status: 200, audit: answer, error: null, attempts: 1, webhookId: "msg_a" });
    expect(result.json).toEqual({ audit: answer });
    const [call] = s.calls;
    expect(call!.url).toBe("http://vendops.test/api/v1/machines/mch_1%2Fx/audits");
    expect(call!.headers["content-type"]).toBe("text/plain");
    expect(call!.headers["webhook-timestamp"]).toBe(String(now / 1000));
    expect(Buffer.from(call!.body).equals(Buffer.from(body))).toBe(true);
    const key = Buffer.from(secret.slice(6), "base64");
    const expected = createHmac("sha256", key).update(Buffer.concat([Buffer.from(`msg_a.${now / 1000}.`), body])).digest("base64");
    expect(call!.headers["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it("retries 5xx, 429 (after retry-after) and network errors with the same webhook-id, then stops", async () => {
    const slept: number[] = [];
    let clock = now;
    const s = server([
      json(503, { error: { code: "server_error", message: "down" } }),
      () => {
        throw new TypeError("fetch failed");
      },
      json(429, { error: { code: "rate_limited", message: "slow down" } }, { "retry-after": "7" }),
      json(200, { audit: { ...answer, status: "duplicate" } }),
    ]);
    const sleep = async (ms: number) => {
      slept.push(ms);
      clock += ms;
    };
    const result = await sendAudit(body, { baseUrl: "http://vendops.test", machineId: "m", secret, fetch: s.fetch, now: () => clock, sleep, random: () => 0, backoff: { initialMs: 100 } });
    expect(result).toMatchObject({ ok: true, attempts: 4, audit: { status: "duplicate" } });
    expect(slept).toEqual([50, 100, 7000]);
    expect(new Set(s.calls.map((c) => c.headers["webhook-id"])).size).toBe(1);
    // Each attempt is signed again at its own time.
    expect(s.calls.map((c) => Number(c.headers["webhook-timestamp"]) - now / 1000)).toEqual([0, 0, 0, 7]);
    expect(s.calls[3]!.headers["webhook-signature"]).toBe(signRawBody(secret, s.calls[0]!.headers["webhook-id"]!, new Date(now + 7150), body));

    const down = server([json(502, {}), json(502, {})]);
    const gaveUp = await sendAudit(body, { baseUrl: "http://vendops.test", machineId: "m", secret, fetch: down.fetch, now: () => now, sleep: async () => {}, random: () => 0, maxAttempts: 2, backoff: { initialMs: 100 } });
    expect(gaveUp).toMatchObject({ ok: false, status: 502, attempts: 2, error: { code: "http_502", retryable: true }, retryAt: now + 100 });
  });

  it("does not retry what sending again cannot fix", async () => {
    for (const [status, code] of [[400, "invalid_dex"], [401, "invalid_signature"], [403, "machine_disabled"], [413, "payload_too_large"], [415, "unsupported_media_type"]] as const) {
      const s = server([json(status, { error: { code, message: "no" } })]);
      const result = await sendAudit(body, { baseUrl: "http://vendops.test", machineId: "m", secret, fetch: s.fetch, sleep: async () => {} });
      expect(result).toMatchObject({ ok: false, status, attempts: 1, audit: null, error: { status, code, message: "no", retryable: false } });
      expect(result.retryAt).toBeUndefined();
    }
  });

  it("is on the reference client too, with the machine's credentials", async () => {
    const s = server([json(200, { audit: answer })]);
    const client = new MachineClient({ baseUrl: "http://vendops.test", machineId: "mch_9", secret, fetch: s.fetch, now: () => now, newWebhookId: () => "msg_fixed" });
    const result = await client.sendAudit(body, { contentType: "application/octet-stream" });
    expect(result).toMatchObject({ ok: true, webhookId: "msg_fixed" });
    expect(s.calls[0]!.url).toBe("http://vendops.test/api/v1/machines/mch_9/audits");
    expect(s.calls[0]!.headers["content-type"]).toBe("application/octet-stream");
    expect(s.calls[0]!.headers["webhook-signature"]).toBe(signRawBody(secret, "msg_fixed", new Date(now), body));
    expect(client.buffered).toBe(0);
  });
});

describe("audits of a simulated machine", () => {
  const DAY = 86_400_000;
  const start = Date.UTC(2026, 2, 2, 5);
  const slots = Array.from({ length: 12 }, (_, i) => ({ code: `${"ABC"[Math.floor(i / 4)]}${(i % 4) + 1}`, priceMinor: 150 + (i % 3) * 50, capacity: 8, parLevel: 3, weight: 1 / (i + 1) }));
  const spec: MachineSpec = { kind: "factory", timeZone: "Europe/Berlin", currency: "EUR", slots, dailyVends: 30, coolingC: 4 };
  const modelOptions = { seed: "audits", start, commission: true, heartbeatMinutes: 60, idPrefix: "a-" };

  it("does not change the events, and reads one audit per restock whose counters add up to the vends", () => {
    const plain = new MachineModel(spec, modelOptions).advance(start + 14 * DAY);
    const model = new MachineModel(spec, modelOptions);
    model.enableAudits({ serial: "VC-CD24-123456", model: "VendCo CD-24", lifetime: false, dialect: "plain" });
    const events = model.advance(start + 14 * DAY);
    expect(events).toEqual(plain);
    const audits = model.takeAudits();
    expect(model.takeAudits()).toEqual([]);
    const restocks = events.filter((e) => e.event.type === "inventory.restocked");
    expect(audits.length).toBe(restocks.length);
    expect(audits.length).toBeGreaterThan(2);
    expect(audits.map((a) => a.visitId)).toEqual(restocks.map((e) => (e.event.data as { visitId: string }).visitId));

    const last = audits[audits.length - 1]!;
    const before = events.filter((e) => Date.parse(e.event.occurredAt) < last.readAt && e.event.type === "vend.succeeded").map((e) => e.event.data as { slot: string; priceMinor: number; payment: { method: string } });
    const paid = before.filter((v) => v.payment.method !== "free");
    const cash = paid.filter((v) => v.payment.method === "cash");
    const sum = (vs: typeof paid) => vs.reduce((a, v) => a + v.priceMinor, 0);
    const c = last.counters;
    expect(c.paid).toEqual({ count: paid.length, valueMinor: sum(paid) });
    expect(c.cash).toEqual({ count: cash.length, valueMinor: sum(cash) });
    expect(c.cashless.count + c.cash.count).toBe(c.paid.count);
    expect(c.selections.reduce((a, s) => a + s.paid.valueMinor, 0)).toBe(c.paid.valueMinor);
    for (const slot of slots) {
      const sel = c.selections.find((s) => s.selection === selectionOf(slot.code, "numeric"))!;
      expect(sel.paid.count).toBe(paid.filter((v) => v.slot === slot.code).length);
    }
    // Since-reset counters restart at every read.
    const previous = audits[audits.length - 2]!;
    expect(c.sinceReset!.paid).toEqual({ count: paid.length - previous.counters.paid.count, valueMinor: sum(paid) - previous.counters.paid.valueMinor });
    expect(c.coinTubes!.every((t) => t.count >= 0 && t.count <= 80)).toBe(true);

    const recs = records(last.body);
    expect(first(recs, "ID1")![1]).toBe("VC-CD24-123456");
    expect(first(recs, "VA1")!.slice(1, 3)).toEqual([String(c.paid.valueMinor), String(c.paid.count)]);
    expect(first(recs, "PA1")![1]).toBe("11");
    expect(num(first(recs, "EA3")![1])).toBe(audits.length);
    expect(g85Verifies(last.body)).toBe(true);
    expect(last.deliverAt).toBeGreaterThanOrEqual(last.readAt);
  });

  it("numbers selections by maker and hands files over as its telemetry box does", () => {
    const read = (o: Parameters<MachineModel["enableAudits"]>[0]) => {
      const m = new MachineModel(spec, modelOptions);
      m.enableAudits(o);
      m.advance(start + 2 * DAY);
      return m.takeAudits()[0]!.body;
    };
    expect(first(records(read({ serial: "S1", model: "VendCo C-32 Combo" })), "PA1")![1]).toBe("11");
    expect(first(records(read({ serial: "S1", model: "FreshLine F-20" })), "PA1")![1]).toBe("A1");
    const wrapped = Buffer.from(read({ serial: "S1", model: "FreshLine F-20", dialect: "wrapped" })).toString("latin1");
    expect(wrapped).toMatch(/^<000\|Operations\|FreshLine F-20\|\d{8}\|\d{6}\|daa\|00001\|.>DXS\*/s);
    const lf = read({ serial: "S1", dialect: "lf" });
    expect(Buffer.from(lf).toString("latin1")).not.toContain("\r");
    expect(g85Verifies(lf)).toBe(true);
  });

  it("starts from the machine's lifetime sales, and keeps its counters across a saved state", () => {
    const a = new MachineModel(spec, modelOptions);
    a.enableAudits({ serial: "VC-S36-654321", model: "VendCo S-36" });
    a.advance(start + 3 * DAY);
    const firstRead = a.takeAudits()[0]!;
    expect(firstRead.counters.paid.count).toBeGreaterThan(1000);
    expect(firstRead.counters.paid.valueMinor).toBe(firstRead.counters.cash.valueMinor + firstRead.counters.cashless.valueMinor);
    expect(firstRead.counters.selections.reduce((x, s) => x + s.paid.valueMinor, 0)).toBe(firstRead.counters.paid.valueMinor);

    const saved = JSON.parse(JSON.stringify(a.state)) as typeof a.state;
    const b = new MachineModel(spec, modelOptions, saved);
    b.enableAudits({ serial: "VC-S36-654321", model: "VendCo S-36" });
    a.advance(start + 10 * DAY);
    b.advance(start + 10 * DAY);
    const [fromA, fromB] = [a.takeAudits(), b.takeAudits()];
    expect(fromB.map((x) => x.counters)).toEqual(fromA.map((x) => x.counters));
    expect(fromB.map((x) => Buffer.from(x.body).toString("latin1"))).toEqual(fromA.map((x) => Buffer.from(x.body).toString("latin1")));
    expect(fromA.at(-1)!.counters.paid.count).toBeGreaterThan(firstRead.counters.paid.count);
  });
});
