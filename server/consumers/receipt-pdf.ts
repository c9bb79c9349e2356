import "server-only";
import PDFDocument from "pdfkit";
import type { Locale } from "~/server/i18n/locales";
import { pdfFonts } from "~/server/i18n/pdf-fonts";
import { documentsTranslator, paymentMethodWords } from "~/server/i18n/translator";
import { formatMoney } from "~/server/money";
import { formatDateTime } from "~/server/time";
import { formatVatRate } from "~/server/tenancy/contract";
import type { ReceiptDocument } from "./contract";

/** The payment method in words. */
export const paymentWords = (method: string | null, locale: Locale = "en") => paymentMethodWords(method, locale);

/** What a receipt line says: the item's name, or its refund in the reader's words (stored lines say "Refund: " in English). */
export function lineDescription(r: ReceiptDocument, line: ReceiptDocument["lines"][number], locale: Locale): string {
  const item = r.lines.find((l) => l.kind === "item");
  return line.kind === "refund" && locale !== "en" && item ? documentsTranslator(locale)("receipt.refundLine", { item: item.description }) : line.description;
}

/**
 * A receipt as a one-page PDF in the reader's language: the seller's legal details, number, time in
 * the org's zone, lines, VAT per rate, totals, refunds.
 */
export function receiptPdf(r: ReceiptDocument, locale: Locale = "en"): Promise<Buffer> {
  const t = documentsTranslator(locale);
  // The standard fonts encode WinAnsi only (no U+2212 minus): amounts carry their currency code,
  // and Intl's amounts use the hyphen-minus for refunds ("-2.50 EUR").
  const money = (minor: number, currency: string) => formatMoney(minor, currency, { code: true, locale });
  const seller = r.seller.legalName ?? r.seller.name;
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: t("receipt.title", { number: r.number }), Author: seller } });
  const font = pdfFonts(doc, locale);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font(font.bold).fontSize(16).fillColor("#111").text(seller, left);
  doc.font(font.regular).fontSize(9.5).fillColor("#444");
  if (r.seller.legalName && r.seller.legalName !== r.seller.name) doc.text(t("receipt.tradingAs", { name: r.seller.name }));
  for (const line of (r.seller.address ?? "").split(/\r?\n/).filter((l) => l.trim())) doc.text(line.trim());
  if (r.seller.vatNumber) doc.text(t("receipt.vatNumber", { number: r.seller.vatNumber }));

  doc.moveDown(1.2).font(font.bold).fontSize(13).fillColor("#111").text(t("receipt.heading"));
  doc.font(font.regular).fontSize(9.5).fillColor("#111");
  const facts: [string, string][] = [
    [t("receipt.number"), r.number],
    [t("receipt.date"), `${formatDateTime(r.occurredAt, r.timeZone, locale)} (${r.timeZone})`],
    [t("receipt.machine"), r.location ? `${r.machineName}, ${r.location}` : r.machineName],
    [t("receipt.paymentMethod"), paymentWords(r.paymentMethod, locale)],
    [t("receipt.status"), t(`receipt.statuses.${r.status}`)],
  ];
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.fillColor("#555").text(label, left, y, { width: 110, lineBreak: false });
    doc.fillColor("#111").text(value, left + 110, y, { width: width - 110 });
  }

  const table = (head: string[], rows: string[][], widths: number[], bold: (i: number) => boolean = () => false) => {
    doc.moveDown(1);
    const draw = (cells: string[], strong: boolean, muted = false) => {
      const y = doc.y;
      doc.font(strong ? font.bold : font.regular).fontSize(9).fillColor(muted ? "#555" : "#111");
      let x = left;
      cells.forEach((cell, i) => {
        const w = widths[i]! * width;
        doc.text(cell, x + 2, y, { width: w - 4, height: doc.currentLineHeight(), align: i === 0 ? "left" : "right", lineBreak: false, ellipsis: true });
        x += w;
      });
      doc.y = y + 14;
      doc.moveTo(left, doc.y - 3).lineTo(left + width, doc.y - 3).strokeColor("#e4e4e7").lineWidth(0.5).stroke();
    };
    draw(head, true, true);
    rows.forEach((row, i) => draw(row, bold(i)));
  };

  if (r.lines.length === 0) {
    doc.moveDown(1).font(font.regular).fontSize(10).fillColor("#111").text(t("receipt.nothingCharged"), left);
  } else {
    table(
      [t("receipt.item"), t("receipt.qty"), t("receipt.price"), t("receipt.vatRate"), t("receipt.vat"), t("receipt.amount")],
      r.lines.map((l) => [lineDescription(r, l, locale), String(l.quantity), money(l.unitPriceMinor, r.currency), formatVatRate(l.vatRateBp), money(l.vatMinor, r.currency), money(l.grossMinor, r.currency)]),
      [0.34, 0.06, 0.15, 0.11, 0.15, 0.19],
    );
    table(
      [t("receipt.vatRate"), t("receipt.net"), t("receipt.vat"), t("receipt.gross")],
      [
        ...r.vatTotals.map((t) => [formatVatRate(t.vatRateBp), money(t.netMinor, r.currency), money(t.vatMinor, r.currency), money(t.grossMinor, r.currency)]),
        [t("receipt.total"), money(r.totals.netMinor, r.currency), money(r.totals.vatMinor, r.currency), money(r.totals.grossMinor, r.currency)],
      ],
      [0.34, 0.22, 0.22, 0.22],
      (i) => i === r.vatTotals.length,
    );
    doc.moveDown(0.6).font(font.regular).fontSize(8.5).fillColor("#555").text(t("receipt.pricesIncludeVat"), left);
  }
  if (r.pendingRefund) {
    const amount = money(r.pendingRefund.amountMinor, r.currency);
    doc.moveDown(0.8).font(font.regular).fontSize(9.5).fillColor("#111");
    doc.text(t(r.pendingRefund.status === "failed" ? "receipt.refundDelayed" : "receipt.refundOnItsWay", { amount }), left);
  }
  if (r.seller.supportEmail) doc.moveDown(1).font(font.regular).fontSize(8.5).fillColor("#555").text(t("receipt.questions", { email: r.seller.supportEmail }), left);
  doc.end();
  return done;
}
