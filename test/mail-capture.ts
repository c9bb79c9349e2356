import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** An e-mail as a local SMTP server received it, decoded: the subject, the plain text and the files. */
export interface CapturedMail {
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** Encoded words (RFC 2047, base64 or quoted-printable) to text; words next to each other join up. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, kind: string, words: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(words, "base64").toString("utf8") : quotedPrintable(words.replace(/_/g, " ")).toString("utf8"),
    );
}

function quotedPrintable(text: string): Buffer {
  return Buffer.from(text.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1");
}

function parsePart(raw: string): Part {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function content(part: Part): Buffer {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64");
  if (encoding === "quoted-printable") return quotedPrintable(part.body);
  return Buffer.from(part.body, "latin1");
}

/** The leaves of a message: its parts, multiparts opened up. */
function leaves(part: Part): Part[] {
  const type = part.headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith("multipart/") || !boundary) return [part];
  const pieces = part.body.split(`--${boundary}`).slice(1);
  return pieces.filter((p) => !p.startsWith("--")).flatMap((p) => leaves(parsePart(p.replace(/^\r?\n/, ""))));
}

/** One received message, decoded. */
export function decodeMail(to: string[], data: string): CapturedMail {
  const message = parsePart(data);
  const mail: CapturedMail = { to, subject: decodeWords(message.headers.get("subject") ?? ""), text: "", attachments: [] };
  for (const part of leaves(message)) {
    const type = (part.headers.get("content-type") ?? "text/plain").split(";")[0]!.trim().toLowerCase();
    const disposition = part.headers.get("content-disposition") ?? "";
    if (disposition.toLowerCase().startsWith("attachment")) {
      const filename = decodeWords(/filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? "");
      mail.attachments.push({ filename, contentType: type, content: content(part) });
    } else if (type === "text/plain") mail.text += content(part).toString("utf8");
  }
  return mail;
}

/**
 * A local SMTP server that keeps what it receives, for tests that send real e-mail: `url` is the
 * SMTP_URL to send through, `mails` what arrived, decoded.
 */
export async function startMailCapture(): Promise<{ url: string; mails: CapturedMail[]; close: () => Promise<void> }> {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push(decodeMail(session.envelope.rcptTo.map((r) => r.address), Buffer.concat(chunks).toString("latin1")));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return { url, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
