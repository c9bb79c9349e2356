import "server-only";
import { stringify } from "csv-stringify/sync";
import PDFDocument from "pdfkit";
import type { Db } from "~/db/client";
import type { MemberRole, MonthlyBreakdownRow, MonthlyFigures, MonthlyStatistics } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { memberContext } from "~/server/context";
import { formatMoney, toMajorText } from "~/server/money";
import { getMonthlyStatistics, type MonthStatistics } from "./monthly";

export interface ExportOptions {
  orgName: string;
  /** Payment methods in words ("WeChat Pay" for "wechat_pay"). */
  paymentMethodLabel: (method: string) => string;
}

/** A month's statistics read for an export by a member of the org, or null when there are none. */
export function statisticsForExport(db: Db, request: { orgId: string; userId: string; role: MemberRole; name: string; month: string }): Promise<MonthStatistics | null> {
  const { month, ...member } = request;
  return withTenant(db, { orgId: member.orgId, userId: member.userId }, (tx) => getMonthlyStatistics(memberContext(tx, member), { month }));
}

const header = ["section", "key", "name", "revenue", "cost", "margin", "units", "failed_vends", "failure_rate", "refunds", "refund_amount", "stockout_hours", "uptime", "average_ticket", "currency", "other_refunds", "other_refund_amount", "partial"];

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

/** The month as CSV: the totals, the months it is compared with, then one row per machine, location, product and payment method. */
export function statisticsCsv(stats: MonthlyStatistics & { partial?: boolean }, options: ExportOptions): string {
  const c = stats.currency;
  const m = stats.month.slice(0, 7);
  const rows: unknown[][] = [header, line("month", m, options.orgName, stats.figures, c)];
  if (stats.previousMonth) rows.push(line("previous_month", "", "", stats.previousMonth, c));
  if (stats.previousYear) rows.push(line("previous_year", "", "", stats.previousYear, c));
  const b = stats.breakdowns;
  for (const r of b.machines) rows.push(line("machine", r.key, r.label, r, c));
  for (const r of b.locations) rows.push(line("location", r.key, r.label, r, c));
  for (const r of b.products) rows.push(line("product", r.key, r.label, r, c));
  for (const r of b.paymentMethods) rows.push(line("payment_method", r.key, options.paymentMethodLabel(r.key), r, c));
  // Only the month's own row says whether its history covers just part of it.
  return stringify(rows.map((r, i) => (i === 0 ? r : [...r, i === 1 && stats.partial ? "true" : ""])));
}

// The PDF's standard fonts encode WinAnsi only, which has no U+2212 minus: negative numbers use the
// hyphen-minus, as Intl's en-GB amounts do ("-12.50 EUR").
const money = (minor: number, currency: string) => formatMoney(minor, currency, { code: true });
const countFormat = new Intl.NumberFormat("en-GB");
const count = (n: number) => countFormat.format(n);
const percent = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)} %`);
const change = (a: number | null, b: number | null | undefined) => (a === null || !b ? "–" : `${a >= b ? "+" : "-"}${count(Math.round((Math.abs(a - b) / Math.abs(b)) * 100))} %`);

/** The month as a PDF report: the figures against the previous month and year, then each breakdown as a table. */
export function statisticsPdf(stats: MonthlyStatistics & { partial?: boolean }, options: ExportOptions): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: `${options.orgName} statistics ${stats.month.slice(0, 7)}` } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const c = stats.currency;
  const f = stats.figures;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  const table = (title: string, columns: { label: string; width: number; align?: "left" | "right" }[], rows: string[][]) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(12).fillColor("#111").text(title, left);
    doc.moveDown(0.3);
    const row = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
      const y = doc.y;
      let x = left;
      doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(8.5).fillColor(bold ? "#555" : "#111");
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

  doc.font("Helvetica-Bold").fontSize(18).fillColor("#111").text(`${options.orgName}: statistics`);
  const monthName = new Date(`${stats.month}T00:00:00Z`).toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  doc.font("Helvetica").fontSize(10).fillColor("#555").text(`${monthName}${stats.partial ? " (partial month: history starts within it)" : ""} · days in ${stats.timeZone} · amounts in ${c}`);
  const minute = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
  doc.text(stats.revisedAt ? `Revised ${minute(stats.revisedAt)} UTC to include sales reported late` : `Generated ${minute(stats.generatedAt)} UTC`);

  const prev = stats.previousMonth;
  const year = stats.previousYear;
  const figureRows: [string, (x: MonthlyFigures) => number | null, (x: number) => string][] = [
    ["Revenue", (x) => x.revenueMinor, (v) => money(v, c)],
    ["Units sold", (x) => x.units, count],
    ["Average ticket", (x) => x.averageTicketMinor, (v) => money(v, c)],
    ["Margin", (x) => x.marginMinor, (v) => money(v, c)],
    ["Refunds for failed vends", (x) => x.refundMinor, (v) => money(v, c)],
    ["Other refunds (by hand, on request, undelivered orders)", (x) => x.otherRefundMinor ?? null, (v) => money(v, c)],
    ["Failed vends", (x) => x.failedVends, count],
    ["Failure rate", (x) => x.failureRate, (v) => percent(v)],
    ["Machine uptime", (x) => x.uptime, (v) => percent(v)],
    ["Stockout hours", (x) => x.stockoutHours, count],
  ];
  table(
    "The month",
    // The first column is wide enough for the longest figure's name on one line.
    [{ label: "Figure", width: 0.46 }, { label: "This month", width: 0.2, align: "right" }, { label: "Month over month", width: 0.17, align: "right" }, { label: "Year over year", width: 0.17, align: "right" }],
    figureRows.map(([label, get, show]) => {
      const v = get(f);
      return [label, v === null ? "–" : show(v), prev ? change(v, get(prev)) : "–", year ? change(v, get(year)) : "–"];
    }),
  );

  // Amounts get the room for a nine-digit sum with its decimals and code ("1,234,567.890 KWD").
  const breakdownColumns = (first: string) => [
    { label: first, width: 0.24 },
    { label: "Revenue", width: 0.19, align: "right" as const },
    { label: "Units", width: 0.1, align: "right" as const },
    { label: "Margin", width: 0.19, align: "right" as const },
    { label: "Failure", width: 0.09, align: "right" as const },
    { label: "Stockout h", width: 0.1, align: "right" as const },
    { label: "Uptime", width: 0.09, align: "right" as const },
  ];
  const breakdownRows = (rows: MonthlyBreakdownRow[], label = (r: MonthlyBreakdownRow) => r.label) =>
    rows.map((r) => [label(r), money(r.revenueMinor, c), count(r.units), money(r.marginMinor, c), percent(r.failureRate), count(r.stockoutHours), percent(r.uptime)]);
  table("By machine", breakdownColumns("Machine"), breakdownRows(stats.breakdowns.machines));
  table("By location", breakdownColumns("Location"), breakdownRows(stats.breakdowns.locations));
  table("By product", breakdownColumns("Product"), breakdownRows(stats.breakdowns.products));
  table("By payment method", breakdownColumns("Payment method"), breakdownRows(stats.breakdowns.paymentMethods, (r) => options.paymentMethodLabel(r.key)));
  doc.end();
  return done;
}
