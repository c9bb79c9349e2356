import { stringify } from "csv-stringify/sync";
import PDFDocument from "pdfkit";
import type { Db } from "~/db/client";
import type { MonthlyBreakdownRow, MonthlyFigures, MonthlyStatistics } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { formatMinor } from "../sales/export";
import { getMonthlyStatistics } from "./monthly";

export interface ExportOptions {
  orgName: string;
  /** Payment methods in words ("WeChat Pay" for "wechat_pay"). */
  paymentMethodLabel: (method: string) => string;
}

/** A month's statistics read for an export by a member of the org, or null when there are none. */
export function statisticsForExport(db: Db, scope: { orgId: string; userId: string }, month: string): Promise<MonthlyStatistics | null> {
  return withTenant(db, scope, (tx) =>
    getMonthlyStatistics({ db: tx, orgId: scope.orgId, role: null, actor: { type: "user", id: scope.userId, label: scope.userId } }, { month }),
  );
}

const header = ["section", "key", "name", "revenue", "cost", "margin", "units", "failed_vends", "failure_rate", "refunds", "refund_amount", "stockout_hours", "uptime", "average_ticket", "currency", "other_refunds", "other_refund_amount"];

function line(section: string, key: string, name: string, f: MonthlyFigures | MonthlyBreakdownRow, currency: string) {
  const avg = "averageTicketMinor" in f ? formatMinor(f.averageTicketMinor, currency) : "";
  return [
    section,
    key,
    name,
    formatMinor(f.revenueMinor, currency),
    formatMinor(f.costMinor, currency),
    formatMinor(f.marginMinor, currency),
    f.units,
    f.failedVends,
    f.failureRate.toFixed(4),
    f.refunds,
    formatMinor(f.refundMinor, currency),
    f.stockoutHours,
    f.uptime === null || f.uptime === undefined ? "" : f.uptime.toFixed(4),
    avg,
    currency,
    "otherRefunds" in f ? f.otherRefunds : "",
    "otherRefundMinor" in f && f.otherRefundMinor !== undefined ? formatMinor(f.otherRefundMinor, currency) : "",
  ];
}

/** The month as CSV: the totals, the months it is compared with, then one row per machine, location, product and payment method. */
export function statisticsCsv(stats: MonthlyStatistics, options: ExportOptions): string {
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
  return stringify(rows);
}

const money = (minor: number, currency: string) => `${formatMinor(minor, currency)} ${currency}`;
const percent = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)} %`);
const change = (a: number | null, b: number | null | undefined) => (a === null || !b ? "–" : `${a >= b ? "+" : "−"}${((Math.abs(a - b) / Math.abs(b)) * 100).toFixed(0)} %`);

/** The month as a PDF report: the figures against the previous month and year, then each breakdown as a table. */
export function statisticsPdf(stats: MonthlyStatistics, options: ExportOptions): Promise<Buffer> {
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
        doc.text(cell, x + 2, y, { width: col.width * width - 4, align: col.align ?? "left", lineBreak: false, ellipsis: true });
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
  doc.font("Helvetica").fontSize(10).fillColor("#555").text(`${monthName} · days in ${stats.timeZone} · amounts in ${c}`);
  const minute = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
  doc.text(stats.revisedAt ? `Revised ${minute(stats.revisedAt)} UTC to include sales reported late` : `Generated ${minute(stats.generatedAt)} UTC`);

  const prev = stats.previousMonth;
  const year = stats.previousYear;
  const figureRows: [string, (x: MonthlyFigures) => number | null, (x: number) => string][] = [
    ["Revenue", (x) => x.revenueMinor, (v) => money(v, c)],
    ["Units sold", (x) => x.units, String],
    ["Average ticket", (x) => x.averageTicketMinor, (v) => money(v, c)],
    ["Margin", (x) => x.marginMinor, (v) => money(v, c)],
    ["Refunds for failed vends", (x) => x.refundMinor, (v) => money(v, c)],
    ["Other refunds (by hand, on request, undelivered orders)", (x) => x.otherRefundMinor ?? null, (v) => money(v, c)],
    ["Failed vends", (x) => x.failedVends, String],
    ["Failure rate", (x) => x.failureRate, (v) => percent(v)],
    ["Machine uptime", (x) => x.uptime, (v) => percent(v)],
    ["Stockout hours", (x) => x.stockoutHours, String],
  ];
  table(
    "The month",
    [{ label: "Figure", width: 0.28 }, { label: "This month", width: 0.24, align: "right" }, { label: "Month over month", width: 0.24, align: "right" }, { label: "Year over year", width: 0.24, align: "right" }],
    figureRows.map(([label, get, show]) => {
      const v = get(f);
      return [label, v === null ? "–" : show(v), prev ? change(v, get(prev)) : "–", year ? change(v, get(year)) : "–"];
    }),
  );

  const breakdownColumns = (first: string) => [
    { label: first, width: 0.3 },
    { label: "Revenue", width: 0.16, align: "right" as const },
    { label: "Units", width: 0.1, align: "right" as const },
    { label: "Margin", width: 0.16, align: "right" as const },
    { label: "Failure", width: 0.1, align: "right" as const },
    { label: "Stockout h", width: 0.1, align: "right" as const },
    { label: "Uptime", width: 0.08, align: "right" as const },
  ];
  const breakdownRows = (rows: MonthlyBreakdownRow[], label = (r: MonthlyBreakdownRow) => r.label) =>
    rows.map((r) => [label(r), money(r.revenueMinor, c), String(r.units), money(r.marginMinor, c), percent(r.failureRate), String(r.stockoutHours), percent(r.uptime)]);
  table("By machine", breakdownColumns("Machine"), breakdownRows(stats.breakdowns.machines));
  table("By location", breakdownColumns("Location"), breakdownRows(stats.breakdowns.locations));
  table("By product", breakdownColumns("Product"), breakdownRows(stats.breakdowns.products));
  table("By payment method", breakdownColumns("Payment method"), breakdownRows(stats.breakdowns.paymentMethods, (r) => options.paymentMethodLabel(r.key)));
  doc.end();
  return done;
}
