import { BarChart3, Download, FileText } from "lucide-react";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { MoneyShareChart } from "~/app/_components/ui/chart";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useFormat } from "~/app/_components/i18n/format";
import { getFormat } from "~/app/_components/i18n/get-format";
import { paymentMethodWords } from "~/app/_components/labels/payment-methods";
import { PageHeader } from "~/app/_components/ui/page-header";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { Stat } from "~/app/_components/ui/stat";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { serverCaller } from "~/app/_trpc/server";
import type { MonthlyFigures } from "~/server/analytics/contract";
import { requireMember } from "~/server/web";
import { BreakdownTable } from "./breakdown-table";
import { formatMonth } from "~/app/_components/org/format-month";
import { MonthPicker } from "~/app/_components/org/month-picker";
import { stockoutsInWords, uptimeInWords } from "./plain-words";

export async function generateMetadata() {
  const t = await getTranslations("statistics.page");
  return { title: t("title") };
}

type FigureKey = "revenueMinor" | "units" | "averageTicketMinor" | "marginMinor" | "refundMinor" | "failureRate" | "uptime" | "stockoutHours";

/** A month compared with: its figures, or none, and whether that is because its data is partial. */
type Compared = { figures: MonthlyFigures | null; partial: boolean };

/** "+12% on Sep · −3% on Oct 2025", or what is missing. */
function Deltas({ now, before, lastYear, k, lower }: { now: MonthlyFigures; before: Compared; lastYear: Compared; k: FigureKey; lower?: boolean }) {
  const t = useTranslations("statistics.deltas");
  const f = useFormat();
  const delta = ({ figures: other, partial }: Compared, what: string) => {
    const a = now[k];
    const b = other?.[k];
    // A month with only part of a month of history is no base for a change.
    if (partial) return t("partial", { what });
    if (a === null || b === null || b === undefined || b === 0) return t("none", { what });
    const change = (a - b) / Math.abs(b);
    if (Math.abs(change) < 0.005) return t("flat", { what });
    const good = lower ? change <= 0 : change >= 0;
    return (
      <span className={good ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
        {t("change", { sign: change >= 0 ? "+" : "−", percent: f.percent(Math.abs(change), 0), what })}
      </span>
    );
  };
  return (
    <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
      {delta(before, t("mom"))} · {delta(lastYear, t("yoy"))}
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
  const t = useTranslations("statistics.page");
  return (
    <div role="status" aria-label={t("loading")}>
      <Skeleton className="h-6 w-64" />
      <Skeleton className="mt-2 mb-6 h-4 w-80" />
      <Skeleton className="h-40 w-full" />
      <TableSkeleton rows={8} />
    </div>
  );
}

async function Statistics({ org, asked }: { org: { id: string; slug: string; timeZone: string }; asked: string | undefined }) {
  const t = await getTranslations("statistics.page");
  const fmt = await getFormat();
  const caller = await serverCaller();
  const months = await caller.analytics.statisticsMonths({ orgId: org.id });
  const month = asked && months.includes(asked) ? asked : months[0];
  const stats = month ? await caller.analytics.statistics({ orgId: org.id, month }) : null;

  if (!month || !stats) {
    return (
      <>
        <PageHeader title={t("title")} description={t("emptyDescription", { timeZone: org.timeZone })} />
        <EmptyState icon={<BarChart3 />} title={t("emptyTitle")}>
          {t("emptyBody")}
        </EmptyState>
      </>
    );
  }

  const f = stats.figures;
  const money = (minor: number) => fmt.money(minor, stats.currency);
  const methods = await getTranslations("common.paymentMethods");
  const paymentMethod = (method: string) => paymentMethodWords(methods, method);
  const words = { t: await getTranslations("statistics.words"), locale: fmt.locale };
  const base = `/o/${org.slug}/statistics`;
  const before = { figures: stats.previousMonth, partial: stats.previousMonthPartial };
  const lastYear = { figures: stats.previousYear, partial: stats.previousYearPartial };
  const d = (k: FigureKey, lower = false) => <Deltas now={f} before={before} lastYear={lastYear} k={k} lower={lower} />;
  const shares = (rows: typeof stats.breakdowns.locations, label = (r: (typeof rows)[number]) => r.label) =>
    rows
      .filter((r) => r.revenueMinor > 0)
      .slice(0, 10)
      .map((r) => ({ key: r.key || "none", label: label(r), minor: r.revenueMinor }));
  const forWords = { month, uptime: f.uptime, stockoutHours: f.stockoutHours, machines: stats.breakdowns.machines, products: stats.breakdowns.products };

  return (
    <>
      <PageHeader
        title={t("monthTitle", { month: formatMonth(month, fmt.locale) })}
        description={
          t("description", { timeZone: org.timeZone, currency: stats.currency }) +
          (stats.revisedAt ? t("revised", { time: utcMinute(stats.revisedAt) }) : t("generated", { time: utcMinute(stats.generatedAt) })) +
          (stats.stale ? t("stale") : "")
        }
        actions={
          <>
            <MonthPicker months={months} value={month} />
            <a href={`${base}/export.csv?month=${month}`} className={buttonClasses("secondary", "sm")} download>
              <Download aria-hidden className="size-4" /> {t("csv")}
            </a>
            <a href={`${base}/export.pdf?month=${month}`} className={buttonClasses("secondary", "sm")} download>
              <FileText aria-hidden className="size-4" /> {t("pdf")}
            </a>
          </>
        }
      />

      {stats.partial && (
        <p
          data-testid="partial-month"
          className="mb-4 flex flex-wrap items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] text-amber-900 dark:border-amber-500/25 dark:bg-amber-500/10 dark:text-amber-200"
        >
          <StatusBadge status="pending" label={t("partialMonth")} />
          {stats.historySince
            ? t("historySince", { date: fmt.date(stats.historySince, stats.timeZone) })
            : t("partial")}
        </p>
      )}

      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 md:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label={t("revenue")}>
          <span className="tabular" data-testid="month-revenue">
            {money(f.revenueMinor)}
          </span>
          {d("revenueMinor")}
        </Stat>
        <Stat label={t("unitsSold")}>
          <span className="tabular">{fmt.count(f.units)}</span>
          {d("units")}
        </Stat>
        <Stat label={t("averageTicket")}>
          <span className="tabular">{money(f.averageTicketMinor)}</span>
          {d("averageTicketMinor")}
        </Stat>
        <Stat label={t("margin")}>
          <span className="tabular">
            {money(f.marginMinor)} <span className="text-sm font-normal text-zinc-500">{f.revenueMinor > 0 ? fmt.percent(f.marginMinor / f.revenueMinor, 0) : ""}</span>
          </span>
          {d("marginMinor")}
        </Stat>
        <Stat label={t("refunds")}>
          <span className="tabular">
            {fmt.count(f.refunds)} · {money(f.refundMinor)}
          </span>
          {d("refundMinor", true)}
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
            {t("forFailedVends")}
            {f.otherRefunds === undefined ? "" : t("otherRefunds", { count: fmt.count(f.otherRefunds), amount: money(f.otherRefundMinor ?? 0) })}
          </span>
        </Stat>
        <Stat label={t("failedVends")}>
          <span className="tabular">{fmt.percent(f.failureRate)}</span>
          {d("failureRate", true)}
        </Stat>
        <Stat label={t("uptime")}>
          <span className="tabular">{f.uptime === null ? "–" : fmt.percent(f.uptime)}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">{t("uptimeHint")}</span>
        </Stat>
        <Stat label={t("stockoutHours")}>
          <span className="tabular">{fmt.count(f.stockoutHours)}</span>
          {d("stockoutHours", true)}
        </Stat>
      </dl>

      <Card title={t("uptimeAndStockouts")} className="mt-6">
        <div className="space-y-1.5 text-[13px] text-zinc-700 dark:text-zinc-300">
          <p data-testid="uptime-words">{uptimeInWords(forWords, words)}</p>
          <p data-testid="stockout-words">{stockoutsInWords(forWords, words)}</p>
        </div>
      </Card>

      <div className="mt-6 grid items-start gap-6 lg:grid-cols-3">
        <Card title={t("revenueByLocation")}>
          <MoneyShareChart label={t("revenueByLocation")} rows={shares(stats.breakdowns.locations)} currency={stats.currency} />
        </Card>
        <Card title={t("topProducts")}>
          <MoneyShareChart label={t("topProductsChart")} rows={shares(stats.breakdowns.products)} currency={stats.currency} />
        </Card>
        <Card title={t("revenueByPayment")}>
          <MoneyShareChart label={t("revenueByPayment")} rows={shares(stats.breakdowns.paymentMethods, (r) => paymentMethod(r.key))} currency={stats.currency} />
        </Card>
      </div>

      <div className="mt-6 space-y-6">
        <Card title={t("machines")} bodyClassName="p-0">
          <BreakdownTable kind="machine" rows={stats.breakdowns.machines} currency={stats.currency} />
        </Card>
        <Card title={t("locations")} bodyClassName="p-0">
          <BreakdownTable kind="location" rows={stats.breakdowns.locations} currency={stats.currency} />
        </Card>
        <Card title={t("products")} bodyClassName="p-0">
          <BreakdownTable kind="product" rows={stats.breakdowns.products} currency={stats.currency} />
        </Card>
        <Card title={t("paymentMethods")} bodyClassName="p-0">
          <BreakdownTable kind="payment" rows={stats.breakdowns.paymentMethods} currency={stats.currency} />
        </Card>
      </div>
    </>
  );
}

function utcMinute(d: Date) {
  return d.toISOString().slice(0, 16).replace("T", " ");
}
