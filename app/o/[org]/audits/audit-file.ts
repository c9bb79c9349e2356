// Audit files as the browser reads them before sending: bytes to base64 (a DEX file need not be
// UTF-8), and the machine serial of its ID1 record, to propose the machine it was read from.
import { MAX_AUDIT_BYTES } from "~/server/audits/contract";
import auditsEn from "~/server/i18n/messages/en/audits.json";

/** What the file pickers take: DEX / EVA-DTS exports under their usual names, or plain text. */
export const AUDIT_FILE_ACCEPT = ".dex,.txt,.eva,text/plain";

/** Each byte as one character (latin1), the way the server shows an audit's raw text. */
export function bytesToText(bytes: Uint8Array): string {
  let text = "";
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
}

export function bytesToBase64(bytes: Uint8Array): string {
  return btoa(bytesToText(bytes));
}

/** The serial in the file's ID1 record (ID101), trimmed; null when it names none. */
export function dexSerial(text: string): string | null {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const record = line.trim();
    if (!record.startsWith("ID1*")) continue;
    const serial = (record.split("*")[1] ?? "").trim();
    return serial === "" ? null : serial;
  }
  return null;
}

export interface ReadAuditFile {
  name: string;
  size: number;
  contentBase64: string;
  serial: string | null;
  /** @deprecated Why it cannot be sent, in English (kept for app/o/[org]/routes); pages use `problemCode`. */
  problem: string | null;
  /** Why it cannot be sent (too large, empty), for the reader's words (`audits.fileProblem.<code>`); null when it can. */
  problemCode: AuditFileProblem | null;
}

export type AuditFileProblem = keyof typeof auditsEn.fileProblem;

const unreadable = (file: File, problemCode: AuditFileProblem): ReadAuditFile => ({
  name: file.name,
  size: file.size,
  contentBase64: "",
  serial: null,
  problem: auditsEn.fileProblem[problemCode],
  problemCode,
});

/** Reads a chosen file: its bytes as base64 and its serial, or why it cannot be sent. */
export async function readAuditFile(file: File): Promise<ReadAuditFile> {
  if (file.size > MAX_AUDIT_BYTES) {
    return unreadable(file, "tooLarge");
  }
  if (file.size === 0) return unreadable(file, "empty");
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, size: file.size, contentBase64: bytesToBase64(bytes), serial: dexSerial(bytesToText(bytes)), problem: null, problemCode: null };
}
