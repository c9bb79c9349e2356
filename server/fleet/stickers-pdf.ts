import "server-only";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { Locale } from "~/server/i18n/locales";
import { pdfFonts, type PdfFonts } from "~/server/i18n/pdf-fonts";
import { documentsTranslator } from "~/server/i18n/translator";
import type { MachineSticker } from "./stickers";

export interface StickerOptions {
  orgName: string;
  /** The public address of the app (APP_URL, else the request's origin); pay pages are under /m/. */
  baseUrl: string;
  /** One sticker on its own A6 page, or a sheet of six per A4 page to cut apart. */
  layout: "single" | "sheet";
  /** The language of the sticker's words (English by default). */
  locale?: Locale;
}

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const A6 = { width: 105 * MM, height: 148 * MM };
const SHEET = { columns: 2, rows: 3 };

/** The address a machine's QR code opens: its pay page. */
export const payPageUrl = (baseUrl: string, machineId: string) => `${baseUrl.replace(/\/$/, "")}/m/${encodeURIComponent(machineId)}`;

// The standard PDF fonts encode WinAnsi only: other characters print as "?" rather than as garbage.
// Chinese stickers embed a font that has every character, and print the text as it is.
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const printable = (text: string) =>
  [...text].map((ch) => ((ch >= " " && ch <= "~") || (ch >= "\u00a0" && ch <= "\u00ff") || WIN_ANSI_EXTRA.includes(ch) ? ch : "?")).join("");

type Box = { x: number; y: number; width: number; height: number };

/** Draws the QR code as vector squares, so it prints sharp at any size. */
function drawQr(doc: PDFKit.PDFDocument, text: string, box: { x: number; y: number; size: number }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const unit = box.size / modules.size;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(box.x + col * unit, box.y + row * unit, unit + 0.01, unit + 0.01);
    }
  }
  doc.fillColor("#000").fill();
}

interface StickerText {
  font: PdfFonts;
  printable: (text: string) => string;
  scanToPay: string;
}

function drawSticker(doc: PDFKit.PDFDocument, sticker: MachineSticker, box: Box, options: StickerOptions, words: StickerText) {
  const pad = Math.max(12, box.width * 0.06);
  const width = box.width - 2 * pad;
  const x = box.x + pad;
  // One centred line, shortened with an ellipsis to the sticker's width.
  const line = (text: string, y: number, font: string, size: number, color: string) => {
    doc.font(font).fontSize(size).fillColor(color);
    let fitted = words.printable(text);
    while (fitted.length > 1 && doc.widthOfString(fitted) > width) fitted = `${fitted.slice(0, -2).trimEnd()}…`;
    doc.text(fitted, x + (width - doc.widthOfString(fitted)) / 2, y, { lineBreak: false });
  };

  // Texts above the code take 46 pt and below it 50 pt, with room around the code for its quiet zone;
  // the code takes what is left, and the whole is centred in the sticker.
  const above = 46;
  const below = 50;
  const gap = 14;
  const size = Math.min(width * 0.8, box.height - 2 * pad - above - below - 2 * gap);
  let y = box.y + (box.height - (above + gap + size + gap + below)) / 2;
  line(options.orgName, y, words.font.regular, 8, "#555");
  line(words.scanToPay, y + 16, words.font.bold, 20, "#111");
  y += above + gap;
  const url = payPageUrl(options.baseUrl, sticker.machineId);
  drawQr(doc, url, { x: box.x + (box.width - size) / 2, y, size });
  y += size + gap;
  line(sticker.name, y, words.font.bold, 12, "#111");
  const place = [sticker.locationName, sticker.address].filter(Boolean).join(", ");
  if (place) line(place, y + 17, words.font.regular, 9, "#444");
  line(url.replace(/^https?:\/\//, ""), y + 32, words.font.regular, 7, "#666");
}

/** The machines' QR stickers as a PDF: each with the machine's name, its place, and its pay page's code. */
export function stickersPdf(stickers: MachineSticker[], options: StickerOptions): Promise<Buffer> {
  const single = options.layout === "single";
  const page = single ? A6 : A4;
  const locale = options.locale ?? "en";
  const t = documentsTranslator(locale);
  const fitting = locale === "en" ? printable : (text: string) => text;
  const title = single && stickers[0] ? t("stickers.titleOne", { machine: stickers[0].name }) : t("stickers.titleSheet", { org: options.orgName });
  const doc = new PDFDocument({ size: [page.width, page.height], margin: 0, autoFirstPage: false, info: { Title: fitting(title) } });
  const words: StickerText = { font: pdfFonts(doc, locale), printable: fitting, scanToPay: t("stickers.scanToPay") };
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const perPage = single ? 1 : SHEET.columns * SHEET.rows;
  const cell = single ? page : { width: page.width / SHEET.columns, height: page.height / SHEET.rows };
  stickers.forEach((sticker, i) => {
    const at = i % perPage;
    if (at === 0) doc.addPage();
    const box = { x: (at % SHEET.columns) * cell.width, y: Math.floor(at / SHEET.columns) * cell.height, ...cell };
    if (single) {
      drawSticker(doc, sticker, { x: box.x, y: box.y, width: page.width, height: page.height }, options, words);
    } else {
      // Cut lines between the stickers of a sheet.
      doc.save().lineWidth(0.5).dash(3, { space: 3 }).strokeColor("#bbb").rect(box.x, box.y, box.width, box.height).stroke().restore();
      drawSticker(doc, sticker, box, options, words);
    }
  });
  doc.end();
  return done;
}
