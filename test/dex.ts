import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { Db } from "~/db/client";
import type { AuditAnswer } from "~/server/audits";
import { handleAuditsRequest } from "~/server/machine-api";
import { crc16arc } from "~/server/ingest";

/** What a test audit file says: since-initialisation counters, as a controller writes them. */
export interface TestAudit {
  serial?: string | null;
  /** `YYYYMMDD` and `HHMMSS` (or the short forms) of the read, written in EA3. */
  date?: string;
  time?: string;
  previous?: { date: string; time: string };
  decimals?: number;
  currency?: string;
  paid?: { count: number; value: number } | null;
  cash?: number | null;
  cashless?: number | null;
  selections?: { selection: string; price: number; count?: number | null; value?: number | null }[];
  coinTubes?: { value: number; count: number }[];
  /** Line ending; CRLF unless told. */
  eol?: string;
  /** Text before DXS (a vendor wrapper) and after DXE. */
  wrapper?: string;
  trailer?: string;
  /** Leave the closing SE and DXE out: a transfer that broke off. */
  truncated?: boolean;
}

/** An EVA-DTS audit file with a correct G85 (CRC-16/ARC over ST..the line before G85, CRLF endings). */
export function dexText(a: TestAudit = {}): string {
  const records: string[] = ["ST*001*0001"];
  if (a.serial !== null) records.push(`ID1*${a.serial ?? "SN-1"}*TEST MODEL**0`);
  records.push(`ID4*${a.decimals ?? 2}*1978*${a.currency ?? "EUR"}`);
  if (a.paid !== null) {
    const paid = a.paid ?? { count: 0, value: 0 };
    records.push(`VA1*${paid.value}*${paid.count}*0*0`);
  }
  if (a.cash !== null && a.cash !== undefined) records.push(`CA2*${a.cash}*0*0*0`);
  if (a.cashless !== null && a.cashless !== undefined) records.push(`DA2*${a.cashless}*0*0*0`);
  for (const [i, t] of (a.coinTubes ?? []).entries()) records.push(`CA17*${i}*${t.value}*${t.count}*0*0*0`);
  for (const s of a.selections ?? []) {
    records.push(`PA1*${s.selection}*${s.price}`);
    if (s.count !== null) records.push(`PA2*${s.count ?? 0}*${s.value ?? (s.count ?? 0) * s.price}*0*0`);
  }
  const prev = a.previous ? `**${a.previous.date}*${a.previous.time}` : "";
  const now = localNow();
  records.push(`EA3*1*${a.date ?? now.date}*${a.time ?? now.time}${prev}`);
  const crcInput = Buffer.from(records.map((r) => `${r}\r\n`).join(""), "latin1");
  records.push(`G85*${crc16arc(crcInput).toString(16).toUpperCase().padStart(4, "0")}`);
  records.push(`SE*${records.length + 1}*0001`);
  if (a.truncated) records.splice(-2, 2);
  const eol = a.eol ?? "\r\n";
  const body = ["DXS*TEST0000001*VA*V0/6*1", ...records, ...(a.truncated ? [] : ["DXE*1*1"])].join(eol) + eol;
  return `${a.wrapper ?? ""}${body}${a.trailer ?? ""}`;
}

/** Now on a machine clock in Europe/Berlin (the test orgs' zone), as EA3 writes it. */
export function localNow(at = new Date(), timeZone = "Europe/Berlin") {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}${p.month}${p.day}`, time: `${p.hour}${p.minute}${p.second}` };
}

export const dexBytes = (a: TestAudit = {}) => Buffer.from(dexText(a), "latin1");

let uploads = 0;

export interface AuditSendOptions {
  secret?: string;
  timestamp?: Date;
  webhookId?: string;
  contentType?: string | null;
  /** Sign with the `standardwebhooks` library (only right for UTF-8 bodies) instead of over the bytes. */
  signer?: "library" | "bytes";
  headers?: Record<string, string | null>;
  serverNow?: number;
}

/** `v1,` + base64(HMAC-SHA256(key, "{id}.{timestamp}." + body bytes)), as a machine signs a file it never decodes. */
export function signBytes(secret: string, id: string, timestamp: number, body: Uint8Array): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), body])).digest("base64")}`;
}

/** The request a machine sends to upload an audit file. */
export function auditRequest(machineId: string, secret: string, body: Uint8Array | string, options: AuditSendOptions = {}): Request {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
  const webhookId = options.webhookId ?? `aud-${Date.now()}-${++uploads}`;
  const timestamp = options.timestamp ?? new Date();
  const seconds = Math.floor(timestamp.getTime() / 1000);
  const signature =
    options.signer === "library"
      ? new Webhook(options.secret ?? secret).sign(webhookId, timestamp, bytes.toString("utf8"))
      : signBytes(options.secret ?? secret, webhookId, seconds, bytes);
  const headers = new Headers({ "webhook-id": webhookId, "webhook-timestamp": String(seconds), "webhook-signature": signature });
  if (options.contentType !== null) headers.set("content-type", options.contentType ?? "text/plain");
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (v === null) headers.delete(k);
    else headers.set(k, v);
  }
  return new Request(`http://localhost/api/v1/machines/${machineId}/audits`, { method: "POST", headers, body: bytes });
}

/** Uploads an audit as the machine would; returns the status and the parsed answer. */
export async function sendAudit(db: Db, machineId: string, secret: string, body: Uint8Array | string, options: AuditSendOptions = {}) {
  const serverNow = options.serverNow;
  const res = await handleAuditsRequest(db, machineId, auditRequest(machineId, secret, body, options), serverNow === undefined ? {} : { now: () => serverNow });
  return { status: res.status, headers: res.headers, json: (await res.json()) as { audit?: AuditAnswer; error?: { code: string; message: string } } };
}
