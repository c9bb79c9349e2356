import { BarChart3, Download, FileText } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { MoneyShareChart } from "~/app/_components/ui/chart";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { formatCount, formatPercent } from "~/app/_components/labels/numbers";
import { PageHeader } from "~/app/_components/ui/page-header";
import { paymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { Stat } from "~/app/_components/ui/stat";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { formatDate } from "~/server/time";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { serverCaller } from "~/app/_trpc/server";
import type { MonthlyFigures } from "~/server/analytics/contract";
import { formatMoney } from "~/server/money";
import { requireMember } from "~/server/web";
import { BreakdownTable } from "./breakdown-table";
import { formatMonth } from "~/app/_components/org/format-month";
import { MonthPicker } from "~/app/_components/org/month-picker";
import { stockoutsInWords, uptimeInWords } from "./plain-words";

export const metadata: Metadata = { title: "Statistics" };

type FigureKey = "revenueMinor" | "units" | "averageTicketMinor" | "marginMinor" | "refundMinor" | "failureRate" | "uptime" | "stockoutHours";

/** A month compared with: its figures, or none, and whether that is because its data is partial. */
type Compared = { figures: MonthlyFigures | null; partial: boolean };

/** "+12% on Sep · −3% on Oct 2025", or what is missing. */
function Deltas({ now, before, lastYear, k, lower }: { now: MonthlyFigures; before: Compared; lastYear: Compared; k: FigureKey; lower?: boolean }) {
  const delta = ({ figures: other, partial }: Compared, what: string) => {
    const a = now[k];
    const b = other?.[k];
    // A month with only part of a month of history is no base for a change.
    if (partial) return `– ${what} (partial month)`;
    if (a === null || b === null || b === undefined || b === 0) return `– ${what}`;
    const change = (a - b) / Math.abs(b);
    if (Math.abs(change) < 0.005) return `±0% ${what}`;
    const good = lower ? change <= 0 : change >= 0;
    return (
      <span className={good ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
        {change >= 0 ? "+" : "−"}
        {formatPercent(Math.abs(change), 0)} {what}
      </span>
    );
  };
  return (
    <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
      {delta(before, "MoM")} · {delta(lastYear, "YoY")}
    </span>
  );
}

export default async function StatisticsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ month?: string }> }) {
  const { org: slug } = await params;
  // Membership first, outside the Suspense boundary, so another org's member gets a real 404.
  const { org } = await requireMember(slug, `/o/${slug}/statistics`);
  return (
    <Suspense fallback={<StatisticsSkeleton />}>
      <Statistics org={org} asked={(await searchParams).month} />
    </Suspense>
  );
}

function StatisticsSkeleton() {
  return (
    <div role="status" aria-label="Loading">
      <Skeleton className="h-6 w-64" />
      <Skeleton className="mt-2 mb-6 h-4 w-80" />
      <Skeleton className="h-40 w-full" />
      <TableSkeleton rows={8} />
    </div>
  );
}

async function Statistics({ org, asked }: { org: { id: string; slug: string; timeZone: string }; asked: string | undefined }) {
  const caller = await serverCaller();
  const months = await caller.analytics.statisticsMonths({ orgId: org.id });
  const month = asked && months.includes(asked) ? asked : months[0];
  const stats = month ? await caller.analytics.statistics({ orgId: org.id, month }) : null;

  if (!month || !stats) {
    return (
      <>
        <PageHeader title="Statistics" description={`Each closed month's figures, written on the 1st in ${org.timeZone}.`} />
        <EmptyState icon={<BarChart3 />} title="No closed month yet">
          The statistics of a month are written once it has closed in your time zone and your machines have sold something in it.
        </EmptyState>
      </>
    );
  }

  const f = stats.figures;
  const money = (minor: number) => formatMoney(minor, stats.currency);
  const base = `/o/${org.slug}/statistics`;
  const before = { figures: stats.previousMonth, partial: stats.previousMonthPartial };
  const lastYear = { figures: stats.previousYear, partial: stats.previousYearPartial };
  const d = (k: FigureKey, lower = false) => <Deltas now={f} before={before} lastYear={lastYear} k={k} lower={lower} />;
  const shares = (rows: typeof stats.breakdowns.locations, label = (r: (typeof rows)[number]) => r.label) =>
    rows
      .filter((r) => r.revenueMinor > 0)
      .slice(0, 10)
      .map((r) => ({ key: r.key || "none", label: label(r), minor: r.revenueMinor }));
  const words = { month, uptime: f.uptime, stockoutHours: f.stockoutHours, machines: stats.breakdowns.machines, products: stats.breakdowns.products };

  return (
    <>
      <PageHeader
        title={`Statistics · ${formatMonth(month)}`}
        description={`Days of ${org.timeZone}; amounts in ${stats.currency}. ${
          stats.revisedAt ? `Revised ${utcMinute(stats.revisedAt)} UTC to include sales machines reported late.` : `Generated ${utcMinute(stats.generatedAt)} UTC.`
        }${stats.stale ? " Late sales have arrived since; the figures are written again within the hour." : ""}`}
        actions={
          <>
            <MonthPicker months={months} value={month} />
            <a href={`${base}/export.csv?month=${month}`} className={buttonClasses("secondary", "sm")} download>
              <Download aria-hidden className="size-4" /> CSV
            </a>
            <a href={`${base}/export.pdf?month=${month}`} className={buttonClasses("secondary", "sm")} download>
              <FileText aria-hidden className="size-4" /> PDF
            </a>
          </>
        }
      />

      {stats.partial && (
        <p
          data-testid="partial-month"
          className="mb-4 flex flex-wrap items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] text-amber-900 dark:border-amber-500/25 dark:bg-amber-500/10 dark:text-amber-200"
        >
          <StatusBadge status="pending" label="Partial month" />
          {stats.historySince
            ? `Your history starts on ${formatDate(stats.historySince, stats.timeZone)}, so this month holds only part of a month of data; no change is computed against it.`
            : "This month holds only part of a month of data; no change is computed against it."}
        </p>
      )}

      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 md:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label="Revenue">
          <span className="tabular" data-testid="month-revenue">
            {money(f.revenueMinor)}
          </span>
          {d("revenueMinor")}
        </Stat>
        <Stat label="Units sold">
          <span className="tabular">{formatCount(f.units)}</span>
          {d("units")}
        </Stat>
        <Stat label="Average ticket">
          <span className="tabular">{money(f.averageTicketMinor)}</span>
          {d("averageTicketMinor")}
        </Stat>
        <Stat label="Margin">
          <span className="tabular">
            {money(f.marginMinor)} <span className="text-sm font-normal text-zinc-500">{f.revenueMinor > 0 ? formatPercent(f.marginMinor / f.revenueMinor, 0) : ""}</span>
          </span>
          {d("marginMinor")}
        </Stat>
        <Stat label="Refunds">
          <span className="tabular">
            {formatCount(f.refunds)} · {money(f.refundMinor)}
          </span>
          {d("refundMinor", true)}
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
            for failed vends
            {f.otherRefunds === undefined ? "" : `; other refunds (by hand, on request, undelivered orders): ${formatCount(f.otherRefunds)} · ${money(f.otherRefundMinor ?? 0)}`}
          </span>
        </Stat>
        <Stat label="Failed vends">
          <span className="tabular">{formatPercent(f.failureRate)}</span>
          {d("failureRate", true)}
        </Stat>
        <Stat label="Machine uptime">
          <span className="tabular">{f.uptime === null ? "–" : formatPercent(f.uptime)}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">hours with a report from the machine</span>
        </Stat>
        <Stat label="Stockout hours">
          <span className="tabular">{formatCount(f.stockoutHours)}</span>
          {d("stockoutHours", true)}
        </Stat>
      </dl>

      <Card title="Uptime and stockouts" className="mt-6">
        <div className="space-y-1.5 text-[13px] text-zinc-700 dark:text-zinc-300">
          <p data-testid="uptime-words">{uptimeInWords(words)}</p>
          <p data-testid="stockout-words">{stockoutsInWords(words)}</p>
        </div>
      </Card>

      <div className="mt-6 grid items-start gap-6 lg:grid-cols-3">
        <Card title="Revenue by location">
          <MoneyShareChart label="Revenue by location" rows={shares(stats.breakdowns.locations)} currency={stats.currency} />
        </Card>
        <Card title="Top 10 products by revenue">
          <MoneyShareChart label="Top products by revenue" rows={shares(stats.breakdowns.products)} currency={stats.currency} />
        </Card>
        <Card title="Revenue by payment method">
          <MoneyShareChart label="Revenue by payment method" rows={shares(stats.breakdowns.paymentMethods, (r) => paymentMethodLabel(r.key))} currency={stats.currency} />
        </Card>
      </div>

      <div className="mt-6 space-y-6">
        <Card title="Machines" bodyClassName="p-0">
          <BreakdownTable kind="machine" rows={stats.breakdowns.machines} currency={stats.currency} />
        </Card>
        <Card title="Locations" bodyClassName="p-0">
          <BreakdownTable kind="location" rows={stats.breakdowns.locations} currency={stats.currency} />
        </Card>
        <Card title="Products" bodyClassName="p-0">
          <BreakdownTable kind="product" rows={stats.breakdowns.products} currency={stats.currency} />
        </Card>
        <Card title="Payment methods" bodyClassName="p-0">
          <BreakdownTable kind="payment" rows={stats.breakdowns.paymentMethods} currency={stats.currency} />
        </Card>
      </div>
    </>
  );
}

function utcMinute(d: Date) {
  return d.toISOString().slice(0, 16).replace("T", " ");
}
