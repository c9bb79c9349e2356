import "server-only";
import PDFDocument from "pdfkit";
import { formatMoney } from "~/server/money";
import { formatDateTime } from "~/server/time";
import { formatVatRate } from "~/server/tenancy/contract";
import type { PaymentMethod } from "~/server/sales/contract";
import type { PurchaseStatus, ReceiptDocument } from "./contract";

// The PDF's standard fonts encode WinAnsi only (no U+2212 minus): amounts carry their currency code,
// and Intl's en-GB amounts use the hyphen-minus for refunds ("-2.50 EUR").
const money = (minor: number, currency: string) => formatMoney(minor, currency, { code: true });

const PAYMENT_WORDS: Record<PaymentMethod, string> = { cash: "Cash", card: "Card", alipay: "Alipay", wechat_pay: "WeChat Pay", online: "Online", free: "Free vend" };
const STATUS_WORDS: Record<PurchaseStatus, string> = {
  dispensed: "Dispensed",
  not_dispensed: "Not dispensed",
  awaiting_payment: "Awaiting payment",
  paid: "Paid, being dispensed",
  not_vended: "Not dispensed in time",
  canceled: "Canceled, nothing charged",
};

/** The payment method in words. */
export const paymentWords = (method: string | null) => (method ? (PAYMENT_WORDS[method as PaymentMethod] ?? method) : "None");

/** A receipt as a one-page PDF: the seller's legal details, number, time in the org's zone, lines, VAT per rate, totals, refunds. */
export function receiptPdf(r: ReceiptDocument): Promise<Buffer> {
  const seller = r.seller.legalName ?? r.seller.name;
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: `Receipt ${r.number}`, Author: seller } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font("Helvetica-Bold").fontSize(16).fillColor("#111").text(seller, left);
  doc.font("Helvetica").fontSize(9.5).fillColor("#444");
  if (r.seller.legalName && r.seller.legalName !== r.seller.name) doc.text(`Trading as ${r.seller.name}`);
  for (const line of (r.seller.address ?? "").split(/\r?\n/).filter((l) => l.trim())) doc.text(line.trim());
  if (r.seller.vatNumber) doc.text(`VAT number: ${r.seller.vatNumber}`);

  doc.moveDown(1.2).font("Helvetica-Bold").fontSize(13).fillColor("#111").text("Receipt");
  doc.font("Helvetica").fontSize(9.5).fillColor("#111");
  const facts: [string, string][] = [
    ["Receipt number", r.number],
    ["Date", `${formatDateTime(r.occurredAt, r.timeZone)} (${r.timeZone})`],
    ["Machine", r.location ? `${r.machineName}, ${r.location}` : r.machineName],
    ["Payment method", paymentWords(r.paymentMethod)],
    ["Status", STATUS_WORDS[r.status]],
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
      doc.font(strong ? "Helvetica-Bold" : "Helvetica").fontSize(9).fillColor(muted ? "#555" : "#111");
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
    doc.moveDown(1).font("Helvetica").fontSize(10).fillColor("#111").text("Nothing was charged for this order.", left);
  } else {
    table(
      ["Item", "Qty", "Price", "VAT rate", "VAT", "Amount"],
      r.lines.map((l) => [l.description, String(l.quantity), money(l.unitPriceMinor, r.currency), formatVatRate(l.vatRateBp), money(l.vatMinor, r.currency), money(l.grossMinor, r.currency)]),
      [0.34, 0.06, 0.15, 0.11, 0.15, 0.19],
    );
    table(
      ["VAT rate", "Net", "VAT", "Gross"],
      [
        ...r.vatTotals.map((t) => [formatVatRate(t.vatRateBp), money(t.netMinor, r.currency), money(t.vatMinor, r.currency), money(t.grossMinor, r.currency)]),
        ["Total", money(r.totals.netMinor, r.currency), money(r.totals.vatMinor, r.currency), money(r.totals.grossMinor, r.currency)],
      ],
      [0.34, 0.22, 0.22, 0.22],
      (i) => i === r.vatTotals.length,
    );
    doc.moveDown(0.6).font("Helvetica").fontSize(8.5).fillColor("#555").text("Prices include VAT.", left);
  }
  if (r.pendingRefund) {
    const amount = money(r.pendingRefund.amountMinor, r.currency);
    doc.moveDown(0.8).font("Helvetica").fontSize(9.5).fillColor("#111");
    doc.text(r.pendingRefund.status === "failed" ? `A refund of ${amount} is delayed; it is tried again automatically.` : `A refund of ${amount} is on its way back to the way you paid.`, left);
  }
  if (r.seller.supportEmail) doc.moveDown(1).font("Helvetica").fontSize(8.5).fillColor("#555").text(`Questions about this purchase: ${r.seller.supportEmail}`, left);
  doc.end();
  return done;
}
