import "server-only";
import { stringify } from "csv-stringify/sync";
import PDFDocument from "pdfkit";
import type { Db } from "~/db/client";
import type { MemberRole, MonthlyBreakdownRow, MonthlyFigures, MonthlyStatistics } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { memberContext } from "~/server/context";
import type { Locale } from "~/server/i18n/locales";
import { pdfFonts } from "~/server/i18n/pdf-fonts";
import { documentsTranslator, monthWords } from "~/server/i18n/translator";
import { formatMoney, toMajorText } from "~/server/money";
import { getMonthlyStatistics, type MonthStatistics } from "./monthly";

export interface ExportOptions {
  orgName: string;
  /** Payment methods in words ("WeChat Pay" for "wechat_pay"). */
  paymentMethodLabel: (method: string) => string;
  /** The reader's language (English by default). */
  locale?: Locale;
}

/** A month's statistics read for an export by a member of the org, or null when there are none. */
export function statisticsForExport(db: Db, request: { orgId: string; userId: string; role: MemberRole; name: string; month: string }): Promise<MonthStatistics | null> {
  const { month, ...member } = request;
  return withTenant(db, { orgId: member.orgId, userId: member.userId }, (tx) => getMonthlyStatistics(memberContext(tx, member), { month }));
}

const columns = ["section", "key", "name", "revenue", "cost", "margin", "units", "failed_vends", "failure_rate", "refunds", "refund_amount", "stockout_hours", "uptime", "average_ticket", "currency", "other_refunds", "other_refund_amount", "partial"] as const;

function line(section: string, key: string, name: string, f: MonthlyFigures | MonthlyBreakdownRow, currency: string) {
  const avg = "averageTicketMinor" in f ? toMajorText(f.averageTicketMinor, currency) : "";
  return [
    section,
    key,
    name,
    toMajorText(f.revenueMinor, currency),
    toMajorText(f.costMinor, currency),
    toMajorText(f.marginMinor, currency),
    f.units,
    f.failedVends,
    f.failureRate.toFixed(4),
    f.refunds,
    toMajorText(f.refundMinor, currency),
    f.stockoutHours,
    f.uptime === null || f.uptime === undefined ? "" : f.uptime.toFixed(4),
    avg,
    currency,
    "otherRefunds" in f ? f.otherRefunds : "",
    "otherRefundMinor" in f && f.otherRefundMinor !== undefined ? toMajorText(f.otherRefundMinor, currency) : "",
  ];
}

/**
 * The month as CSV for spreadsheets (a byte order mark first, headers in the reader's language): the
 * totals, the months it is compared with, then one row per machine, location, product and payment method.
 */
export function statisticsCsv(stats: MonthlyStatistics & { partial?: boolean }, options: ExportOptions): string {
  const t = documentsTranslator(options.locale);
  const c = stats.currency;
  const m = stats.month.slice(0, 7);
  const rows: unknown[][] = [columns.map((column) => t(`csv.statistics.${column}`)), line("month", m, options.orgName, stats.figures, c)];
  if (stats.previousMonth) rows.push(line("previous_month", "", "", stats.previousMonth, c));
  if (stats.previousYear) rows.push(line("previous_year", "", "", stats.previousYear, c));
  const b = stats.breakdowns;
  for (const r of b.machines) rows.push(line("machine", r.key, r.label, r, c));
  for (const r of b.locations) rows.push(line("location", r.key, r.label, r, c));
  for (const r of b.products) rows.push(line("product", r.key, r.label, r, c));
  for (const r of b.paymentMethods) rows.push(line("payment_method", r.key, options.paymentMethodLabel(r.key), r, c));
  // Only the month's own row says whether its history covers just part of it.
  return stringify(
    rows.map((r, i) => (i === 0 ? r : [...r, i === 1 && stats.partial ? "true" : ""])),
    { bom: true },
  );
}

const percent = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)} %`);

/** The month as a PDF report: the figures against the previous month and year, then each breakdown as a table. */
export function statisticsPdf(stats: MonthlyStatistics & { partial?: boolean }, options: ExportOptions): Promise<Buffer> {
  const locale = options.locale ?? "en";
  const t = documentsTranslator(locale);
  // The PDF's standard fonts encode WinAnsi only, which has no U+2212 minus: negative numbers use the
  // hyphen-minus, as Intl's amounts do ("-12.50 EUR").
  const money = (minor: number, currency: string) => formatMoney(minor, currency, { code: true, locale });
  const countFormat = new Intl.NumberFormat(locale === "en" ? "en-GB" : locale);
  const count = (n: number) => countFormat.format(n);
  const change = (a: number | null, b: number | null | undefined) => (a === null || !b ? "–" : `${a >= b ? "+" : "-"}${count(Math.round((Math.abs(a - b) / Math.abs(b)) * 100))} %`);
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: t("statistics.title", { org: options.orgName, month: stats.month.slice(0, 7) }) } });
  const font = pdfFonts(doc, locale);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const c = stats.currency;
  const f = stats.figures;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  const table = (title: string, columns: { label: string; width: number; align?: "left" | "right" }[], rows: string[][]) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.8).font(font.bold).fontSize(12).fillColor("#111").text(title, left);
    doc.moveDown(0.3);
    const row = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
      const y = doc.y;
      let x = left;
      doc.font(bold ? font.bold : font.regular).fontSize(8.5).fillColor(bold ? "#555" : "#111");
      cells.forEach((cell, i) => {
        const col = columns[i]!;
        // One line per cell, cut with an ellipsis: a long name must not run into the next row.
        doc.text(cell, x + 2, y, { width: col.width * width - 4, height: doc.currentLineHeight(), align: col.align ?? "left", lineBreak: false, ellipsis: true });
        x += col.width * width;
      });
      doc.y = y + 13;
      doc.moveTo(left, doc.y - 2).lineTo(left + width, doc.y - 2).strokeColor("#e4e4e7").lineWidth(0.5).stroke();
    };
    row(columns.map((col) => col.label), true);
    for (const r of rows) row(r, false);
  };

  doc.font(font.bold).fontSize(18).fillColor("#111").text(t("statistics.heading", { org: options.orgName }));
  const partial = stats.partial ? t("statistics.partial") : "";
  doc.font(font.regular).fontSize(10).fillColor("#555").text(t("statistics.subtitle", { month: monthWords(stats.month, locale), partial, zone: stats.timeZone, currency: c }));
  const minute = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
  doc.text(stats.revisedAt ? t("statistics.revised", { time: minute(stats.revisedAt) }) : t("statistics.generated", { time: minute(stats.generatedAt) }));

  const prev = stats.previousMonth;
  const year = stats.previousYear;
  const figureRows: [string, (x: MonthlyFigures) => number | null, (x: number) => string][] = [
    [t("statistics.revenue"), (x) => x.revenueMinor, (v) => money(v, c)],
    [t("statistics.unitsSold"), (x) => x.units, count],
    [t("statistics.averageTicket"), (x) => x.averageTicketMinor, (v) => money(v, c)],
    [t("statistics.margin"), (x) => x.marginMinor, (v) => money(v, c)],
    [t("statistics.failedRefunds"), (x) => x.refundMinor, (v) => money(v, c)],
    [t("statistics.otherRefunds"), (x) => x.otherRefundMinor ?? null, (v) => money(v, c)],
    [t("statistics.failedVends"), (x) => x.failedVends, count],
    [t("statistics.failureRate"), (x) => x.failureRate, (v) => percent(v)],
    [t("statistics.uptime"), (x) => x.uptime, (v) => percent(v)],
    [t("statistics.stockoutHours"), (x) => x.stockoutHours, count],
  ];
  table(
    t("statistics.monthTable"),
    // The first column is wide enough for the longest figure's name on one line.
    [
      { label: t("statistics.figure"), width: 0.46 },
      { label: t("statistics.thisMonth"), width: 0.2, align: "right" },
      { label: t("statistics.monthOverMonth"), width: 0.17, align: "right" },
      { label: t("statistics.yearOverYear"), width: 0.17, align: "right" },
    ],
    figureRows.map(([label, get, show]) => {
      const v = get(f);
      return [label, v === null ? "–" : show(v), prev ? change(v, get(prev)) : "–", year ? change(v, get(year)) : "–"];
    }),
  );

  // Amounts get the room for a nine-digit sum with its decimals and code ("1,234,567.890 KWD").
  const breakdownColumns = (first: string) => [
    { label: first, width: 0.24 },
    { label: t("statistics.revenue"), width: 0.19, align: "right" as const },
    { label: t("statistics.units"), width: 0.1, align: "right" as const },
    { label: t("statistics.margin"), width: 0.19, align: "right" as const },
    { label: t("statistics.failure"), width: 0.09, align: "right" as const },
    { label: t("statistics.stockoutH"), width: 0.1, align: "right" as const },
    { label: t("statistics.uptimeShort"), width: 0.09, align: "right" as const },
  ];
  const breakdownRows = (rows: MonthlyBreakdownRow[], label = (r: MonthlyBreakdownRow) => r.label) =>
    rows.map((r) => [label(r), money(r.revenueMinor, c), count(r.units), money(r.marginMinor, c), percent(r.failureRate), count(r.stockoutHours), percent(r.uptime)]);
  table(t("statistics.byMachine"), breakdownColumns(t("statistics.machine")), breakdownRows(stats.breakdowns.machines));
  table(t("statistics.byLocation"), breakdownColumns(t("statistics.location")), breakdownRows(stats.breakdowns.locations));
  table(t("statistics.byProduct"), breakdownColumns(t("statistics.product")), breakdownRows(stats.breakdowns.products));
  table(t("statistics.byPaymentMethod"), breakdownColumns(t("statistics.paymentMethod")), breakdownRows(stats.breakdowns.paymentMethods, (r) => options.paymentMethodLabel(r.key)));
  doc.end();
  return done;
}
