import "server-only";
import { stringify } from "csv-stringify/sync";
import PDFDocument from "pdfkit";
import { formatMoney, toMajorText } from "~/server/money";
import type { HostContractRule, HostStatementDetail } from "./contract";

// The PDF's standard fonts encode WinAnsi only (no U+2212 minus): amounts carry their currency code
// and negative ones the hyphen-minus.
const money = (minor: number, currency: string) => formatMoney(minor, currency, { code: true });
const rate = (bp: number) => `${(bp / 100).toLocaleString("en-GB", { maximumFractionDigits: 2 })} %`;
const PAYMENT_WORDS: Record<string, string> = { cash: "Cash", card: "Card", alipay: "Alipay", wechat_pay: "WeChat Pay", online: "Online", free: "Free vend" };
const paymentWords = (method: string) => PAYMENT_WORDS[method] ?? method;
const STATUS_WORDS = { draft: "Draft", approved: "Approved", sent: "Sent", paid: "Paid" } as const;

export const monthName = (month: string) => new Date(`${month.slice(0, 7)}-01T00:00:00Z`).toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** The rule as applied, in words, one part a line. */
export function describeRule(rule: HostContractRule): string[] {
  const c = rule.currency;
  const on = rule.basis === "net" ? "net sales (after refunds and VAT)" : "gross sales";
  const parts: string[] = [];
  if (rule.cashPercentBp != null) parts.push(`${rate(rule.cashPercentBp)} of cash ${on}`);
  if (rule.cashlessPercentBp != null) parts.push(`${rate(rule.cashlessPercentBp)} of cashless ${on}`);
  const rest = rule.cashPercentBp != null && rule.cashlessPercentBp == null ? "cashless " : rule.cashlessPercentBp != null && rule.cashPercentBp == null ? "cash " : "";
  const pooled = rule.cashPercentBp == null || rule.cashlessPercentBp == null;
  if (pooled && rule.tiers && rule.tiers.length > 0) {
    const brackets = rule.tiers.map((t, i) => {
      const next = rule.tiers![i + 1];
      return next ? `${rate(t.percentBp)} from ${money(t.fromMinor, c)} to ${money(next.fromMinor, c)}` : `${rate(t.percentBp)} above ${money(t.fromMinor, c)}`;
    });
    parts.push(`Tiered on ${rest}${on}: ${brackets.join("; ")}`);
  } else if (pooled && rule.percentBp != null) parts.push(`${rate(rule.percentBp)} of ${rest}${on}`);
  if (rule.perUnitMinor != null) parts.push(`${money(rule.perUnitMinor, c)} per unit sold`);
  if (rule.flatRentMinor != null) parts.push(`Flat rent of ${money(rule.flatRentMinor, c)} a month`);
  if (rule.minimumGuaranteeMinor != null) parts.push(`At least ${money(rule.minimumGuaranteeMinor, c)} a month`);
  return parts;
}

/** A statement's file name, without extension. */
export const statementFileName = (s: Pick<HostStatementDetail, "locationName" | "month">) =>
  `host-statement-${s.month}-${s.locationName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "location"}`;

const csvHeader = ["section", "machine", "payment_method", "units", "gross", "refunds", "vat", "net", "amount", "reason", "currency"];

/** The statement as CSV: its lines, the commission's parts, adjustments and the total. */
export function statementCsv(s: HostStatementDetail): string {
  const c = s.currency;
  const m = (minor: number) => toMajorText(minor, c);
  const rows: unknown[][] = [csvHeader];
  for (const l of s.lines) rows.push(["line", l.machineName, l.paymentMethod, l.units, m(l.grossMinor), m(l.refundsMinor), m(l.vatMinor), m(l.netMinor), "", "", c]);
  rows.push(["sales_total", "", "", s.units, m(s.grossMinor), m(s.refundsMinor), m(s.vatMinor), m(s.netMinor), "", "", c]);
  const b = s.breakdown;
  rows.push(["commission_percentage", "", "", "", "", "", "", "", m(b.percentMinor), "", c]);
  rows.push(["commission_per_unit", "", "", "", "", "", "", "", m(b.perUnitMinor), "", c]);
  rows.push(["commission_flat_rent", "", "", "", "", "", "", "", m(b.flatRentMinor), "", c]);
  rows.push(["commission_minimum_top_up", "", "", "", "", "", "", "", m(b.minimumTopUpMinor), "", c]);
  rows.push(["commission", "", "", "", "", "", "", "", m(s.commissionMinor), describeRule(s.contract).join("; "), c]);
  for (const a of s.adjustments) rows.push(["adjustment", "", "", "", "", "", "", "", m(a.amountMinor), a.reason, c]);
  rows.push(["total", "", "", "", "", "", "", "", m(s.totalMinor), `${s.month} revision ${s.revision} ${s.status}`, c]);
  return stringify(rows);
}

/** The statement as a PDF for the host: who, which month, the rule, sales by machine and payment method, commission, adjustments, total. */
export function statementPdf(s: HostStatementDetail, options: { orgName: string; timeZone: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: `Host statement ${s.locationName} ${s.month}`, Author: options.orgName } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const c = s.currency;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  const table = (columns: { label: string; width: number; align?: "left" | "right" }[], rows: string[][], boldLast = false) => {
    const row = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
      const y = doc.y;
      let x = left;
      doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(8.5).fillColor("#111");
      cells.forEach((cell, i) => {
        const col = columns[i]!;
        doc.text(cell, x + 2, y, { width: col.width * width - 4, height: doc.currentLineHeight(), align: col.align ?? "left", lineBreak: false, ellipsis: true });
        x += col.width * width;
      });
      doc.y = y + 13;
      doc.moveTo(left, doc.y - 2).lineTo(left + width, doc.y - 2).strokeColor("#e4e4e7").lineWidth(0.5).stroke();
    };
    row(columns.map((col) => col.label), true);
    rows.forEach((r, i) => row(r, boldLast && i === rows.length - 1));
  };
  const heading = (text: string) => doc.moveDown(0.9).font("Helvetica-Bold").fontSize(12).fillColor("#111").text(text, left).moveDown(0.3);

  doc.font("Helvetica-Bold").fontSize(18).fillColor("#111").text(`Host statement: ${s.locationName}`);
  doc.font("Helvetica").fontSize(10).fillColor("#444");
  doc.text(`${monthName(s.month)} · from ${options.orgName} · days in ${options.timeZone} · amounts in ${c}`);
  doc.text(`Status: ${STATUS_WORDS[s.status]}${s.revision > 0 ? ` · revision ${s.revision}` : ""}`);
  if (s.revisionNote) doc.fillColor("#92400e").text(s.revisionNote).fillColor("#444");

  heading("Commission rule");
  doc.font("Helvetica").fontSize(9.5).fillColor("#111");
  for (const part of describeRule(s.contract)) doc.text(`- ${part}`, left);

  heading("Sales by machine and payment method");
  const lineRows = s.lines.map((l) => [l.machineName, paymentWords(l.paymentMethod), String(l.units), money(l.grossMinor, c), money(l.refundsMinor, c), money(l.vatMinor, c), money(l.netMinor, c)]);
  lineRows.push(["Total", "", String(s.units), money(s.grossMinor, c), money(s.refundsMinor, c), money(s.vatMinor, c), money(s.netMinor, c)]);
  const amount = { width: 0.14, align: "right" as const };
  table(
    [{ label: "Machine", width: 0.2 }, { label: "Payment", width: 0.12 }, { label: "Units", width: 0.08, align: "right" }, { label: "Gross", ...amount }, { label: "Refunds", ...amount }, { label: "VAT", ...amount }, { label: "Net", ...amount }],
    lineRows,
    true,
  );

  heading("Commission");
  const b = s.breakdown;
  const commissionRows: string[][] = [];
  if (b.percentMinor) commissionRows.push(["Percentage of sales", money(b.percentMinor, c)]);
  if (b.perUnitMinor) commissionRows.push(["Per unit sold", money(b.perUnitMinor, c)]);
  if (b.flatRentMinor) commissionRows.push(["Flat rent", money(b.flatRentMinor, c)]);
  if (b.minimumTopUpMinor) commissionRows.push(["Raised to the minimum guarantee", money(b.minimumTopUpMinor, c)]);
  commissionRows.push(["Commission", money(s.commissionMinor, c)]);
  for (const a of s.adjustments) commissionRows.push([`Adjustment: ${a.reason}`, money(a.amountMinor, c)]);
  commissionRows.push(["Total owed to the host", money(s.totalMinor, c)]);
  table([{ label: "", width: 0.7 }, { label: "Amount", width: 0.3, align: "right" }], commissionRows, true);
  doc.end();
  return done;
}
