import { execFileSync } from "node:child_process";
import { inflateSync } from "node:zlib";

/** One piece of text as a PDF draws it: where, in which size, and what. */
export interface PdfText {
  page: number;
  x: number;
  y: number;
  size: number;
  text: string;
}

// WinAnsi is Latin-1 but for 0x80-0x9F (Node's TextDecoder treats "windows-1252" as plain Latin-1).
const winAnsiHigh = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
const winAnsi = (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? winAnsiHigh[b - 0x80] : String.fromCharCode(b))).join("");

/**
 * The text a pdfkit document draws, read back from its page streams: enough to check what a
 * report prints and where, for the standard fonts (WinAnsi, hex strings), without a PDF reader.
 */
export function pdfTexts(pdf: Buffer): PdfText[] {
  const raw = pdf.toString("latin1");
  const texts: PdfText[] = [];
  let page = 0;
  for (const stream of raw.matchAll(/stream\r?\n/g)) {
    const start = stream.index + stream[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, raw.indexOf("endstream", start))).toString("latin1");
    } catch {
      continue; // a font or an image, not a page
    }
    if (!content.includes("BT")) continue;
    page++;
    for (const block of content.matchAll(/BT([\s\S]*?)ET/g)) {
      const at = /[\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+ ([\d.-]+) ([\d.-]+) Tm/.exec(block[1]!);
      const size = /\/F\d+ ([\d.]+) Tf/.exec(block[1]!);
      const parts = [...block[1]!.matchAll(/\[(.*?)\] TJ/g)].flatMap((tj) => [...tj[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]!));
      texts.push({ page, x: Number(at?.[1]), y: Number(at?.[2]), size: Number(size?.[1]), text: winAnsi(Buffer.from(parts.join(""), "hex")) });
    }
  }
  return texts;
}

/**
 * The text of a PDF as a reader extracts it, through poppler's `pdftotext` (installed by .ci/run):
 * for PDFs with an embedded font, whose page streams hold glyph numbers rather than characters.
 */
export function pdfPlainText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");
}
