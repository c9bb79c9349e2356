import "server-only";
import { stringify } from "csv-stringify/sync";
import PDFDocument from "pdfkit";
import type { Locale } from "~/server/i18n/locales";
import { pdfFonts } from "~/server/i18n/pdf-fonts";
import { documentsTranslator, monthWords, paymentMethodWords } from "~/server/i18n/translator";
import { formatMoney, toMajorText } from "~/server/money";
import type { HostContractRule, HostStatementDetail } from "./contract";

// The PDF's standard fonts encode WinAnsi only (no U+2212 minus): amounts carry their currency code
// and negative ones the hyphen-minus.
const moneyIn = (locale: Locale) => (minor: number, currency: string) => formatMoney(minor, currency, { code: true, locale });
const rate = (bp: number) => `${(bp / 100).toLocaleString("en-GB", { maximumFractionDigits: 2 })} %`;

/** A statement's month in words: "March 2026". */
export const monthName = (month: string, locale: Locale = "en") => monthWords(month, locale);

/** The rule as applied, in words, one part a line, in the reader's language. */
export function describeRule(rule: HostContractRule, locale: Locale = "en"): string[] {
  const t = documentsTranslator(locale);
  const money = moneyIn(locale);
  const c = rule.currency;
  const on = t(rule.basis === "net" ? "rule.onNet" : "rule.onGross");
  const parts: string[] = [];
  if (rule.cashPercentBp != null) parts.push(t("rule.cashPercent", { rate: rate(rule.cashPercentBp), on }));
  if (rule.cashlessPercentBp != null) parts.push(t("rule.cashlessPercent", { rate: rate(rule.cashlessPercentBp), on }));
  const channel =
    rule.cashPercentBp != null && rule.cashlessPercentBp == null ? t("rule.channelCashless") : rule.cashlessPercentBp != null && rule.cashPercentBp == null ? t("rule.channelCash") : "";
  const pooled = rule.cashPercentBp == null || rule.cashlessPercentBp == null;
  if (pooled && rule.tiers && rule.tiers.length > 0) {
    const brackets = rule.tiers.map((tier, i) => {
      const next = rule.tiers![i + 1];
      return next
        ? t("rule.tierBetween", { rate: rate(tier.percentBp), from: money(tier.fromMinor, c), to: money(next.fromMinor, c) })
        : t("rule.tierAbove", { rate: rate(tier.percentBp), from: money(tier.fromMinor, c) });
    });
    parts.push(t("rule.tiered", { channel, on, brackets: brackets.join(t("rule.bracketSeparator")) }));
  } else if (pooled && rule.percentBp != null) parts.push(t("rule.percent", { rate: rate(rule.percentBp), channel, on }));
  if (rule.perUnitMinor != null) parts.push(t("rule.perUnit", { amount: money(rule.perUnitMinor, c) }));
  if (rule.flatRentMinor != null) parts.push(t("rule.flatRent", { amount: money(rule.flatRentMinor, c) }));
  if (rule.minimumGuaranteeMinor != null) parts.push(t("rule.minimum", { amount: money(rule.minimumGuaranteeMinor, c) }));
  return parts;
}

/** A statement's file name, without extension. */
export const statementFileName = (s: Pick<HostStatementDetail, "locationName" | "month">) =>
  `host-statement-${s.month}-${s.locationName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "location"}`;

const csvColumns = ["section", "machine", "payment_method", "units", "gross", "refunds", "vat", "net", "amount", "reason", "currency"] as const;

/**
 * The statement as CSV for spreadsheets (a byte order mark first, headers in the reader's language):
 * its lines, the commission's parts, adjustments and the total. Sections stay codes, to filter on.
 */
export function statementCsv(s: HostStatementDetail, locale: Locale = "en"): string {
  const t = documentsTranslator(locale);
  const c = s.currency;
  const m = (minor: number) => toMajorText(minor, c);
  const rows: unknown[][] = [csvColumns.map((column) => t(`csv.statement.${column}`))];
  for (const l of s.lines) rows.push(["line", l.machineName, l.paymentMethod, l.units, m(l.grossMinor), m(l.refundsMinor), m(l.vatMinor), m(l.netMinor), "", "", c]);
  rows.push(["sales_total", "", "", s.units, m(s.grossMinor), m(s.refundsMinor), m(s.vatMinor), m(s.netMinor), "", "", c]);
  const b = s.breakdown;
  rows.push(["commission_percentage", "", "", "", "", "", "", "", m(b.percentMinor), "", c]);
  rows.push(["commission_per_unit", "", "", "", "", "", "", "", m(b.perUnitMinor), "", c]);
  rows.push(["commission_flat_rent", "", "", "", "", "", "", "", m(b.flatRentMinor), "", c]);
  rows.push(["commission_minimum_top_up", "", "", "", "", "", "", "", m(b.minimumTopUpMinor), "", c]);
  rows.push(["commission", "", "", "", "", "", "", "", m(s.commissionMinor), describeRule(s.contract, locale).join(t("rule.bracketSeparator")), c]);
  for (const a of s.adjustments) rows.push(["adjustment", "", "", "", "", "", "", "", m(a.amountMinor), a.reason, c]);
  rows.push(["total", "", "", "", "", "", "", "", m(s.totalMinor), `${s.month} revision ${s.revision} ${s.status}`, c]);
  return stringify(rows, { bom: true });
}

/** The statement as a PDF for the host: who, which month, the rule, sales by machine and payment method, commission, adjustments, total. */
export function statementPdf(s: HostStatementDetail, options: { orgName: string; timeZone: string; locale?: Locale }): Promise<Buffer> {
  const locale = options.locale ?? "en";
  const t = documentsTranslator(locale);
  const money = moneyIn(locale);
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: t("statement.title", { location: s.locationName, month: s.month }), Author: options.orgName } });
  const font = pdfFonts(doc, locale);
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
      doc.font(bold ? font.bold : font.regular).fontSize(8.5).fillColor("#111");
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
  const heading = (text: string) => doc.moveDown(0.9).font(font.bold).fontSize(12).fillColor("#111").text(text, left).moveDown(0.3);

  doc.font(font.bold).fontSize(18).fillColor("#111").text(t("statement.heading", { location: s.locationName }));
  doc.font(font.regular).fontSize(10).fillColor("#444");
  doc.text(t("statement.subtitle", { month: monthName(s.month, locale), org: options.orgName, zone: options.timeZone, currency: c }));
  doc.text(`${t("statement.status", { status: t(`statement.statuses.${s.status}`) })}${s.revision > 0 ? t("statement.revision", { revision: s.revision }) : ""}`);
  if (s.revisionNote) doc.fillColor("#92400e").text(s.revisionNote).fillColor("#444");

  heading(t("statement.ruleHeading"));
  doc.font(font.regular).fontSize(9.5).fillColor("#111");
  for (const part of describeRule(s.contract, locale)) doc.text(`- ${part}`, left);

  heading(t("statement.salesHeading"));
  const lineRows = s.lines.map((l) => [l.machineName, paymentMethodWords(l.paymentMethod, locale), String(l.units), money(l.grossMinor, c), money(l.refundsMinor, c), money(l.vatMinor, c), money(l.netMinor, c)]);
  lineRows.push([t("statement.total"), "", String(s.units), money(s.grossMinor, c), money(s.refundsMinor, c), money(s.vatMinor, c), money(s.netMinor, c)]);
  const amount = { width: 0.14, align: "right" as const };
  table(
    [
      { label: t("statement.machine"), width: 0.2 },
      { label: t("statement.payment"), width: 0.12 },
      { label: t("statement.units"), width: 0.08, align: "right" },
      { label: t("statement.gross"), ...amount },
      { label: t("statement.refunds"), ...amount },
      { label: t("statement.vat"), ...amount },
      { label: t("statement.net"), ...amount },
    ],
    lineRows,
    true,
  );

  heading(t("statement.commissionHeading"));
  const b = s.breakdown;
  const commissionRows: string[][] = [];
  if (b.percentMinor) commissionRows.push([t("statement.percentage"), money(b.percentMinor, c)]);
  if (b.perUnitMinor) commissionRows.push([t("statement.perUnit"), money(b.perUnitMinor, c)]);
  if (b.flatRentMinor) commissionRows.push([t("statement.flatRent"), money(b.flatRentMinor, c)]);
  if (b.minimumTopUpMinor) commissionRows.push([t("statement.minimumTopUp"), money(b.minimumTopUpMinor, c)]);
  commissionRows.push([t("statement.commission"), money(s.commissionMinor, c)]);
  for (const a of s.adjustments) commissionRows.push([t("statement.adjustment", { reason: a.reason }), money(a.amountMinor, c)]);
  commissionRows.push([t("statement.totalOwed"), money(s.totalMinor, c)]);
  table([{ label: "", width: 0.7 }, { label: t("statement.amount"), width: 0.3, align: "right" }], commissionRows, true);
  doc.end();
  return done;
}
