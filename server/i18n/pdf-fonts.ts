import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locale } from "./locales";

/** The names of the fonts a PDF sets its text in. */
export interface PdfFonts {
  regular: string;
  bold: string;
}

const STANDARD: PdfFonts = { regular: "Helvetica", bold: "Helvetica-Bold" };
const NOTO: PdfFonts = { regular: "NotoSansSC", bold: "NotoSansSC-Bold" };

// The whole Noto Sans SC (all 30,000 characters, not the web fonts' unicode-range slices) as
// TrueType, which pdfkit subsets to the glyphs a document uses. Read once, kept for every document.
const NOTO_DIR = join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans-sc");
let notoFiles: { regular: Buffer; bold: Buffer } | undefined;

/**
 * Registers the fonts of a language on a document and names them. English keeps the standard
 * Helvetica (nothing embedded); Chinese embeds Noto Sans SC, which also has the Latin letters.
 */
export function pdfFonts(doc: PDFKit.PDFDocument, locale: Locale): PdfFonts {
  if (locale === "en") return STANDARD;
  notoFiles ??= {
    regular: readFileSync(join(NOTO_DIR, "400Regular", "NotoSansSC_400Regular.ttf")),
    bold: readFileSync(join(NOTO_DIR, "700Bold", "NotoSansSC_700Bold.ttf")),
  };
  doc.registerFont(NOTO.regular, notoFiles.regular);
  doc.registerFont(NOTO.bold, notoFiles.bold);
  return NOTO;
}
