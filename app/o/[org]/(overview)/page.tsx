import { AlertTriangle } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "~/app/_components/i18n/get-format";
import { Card } from "~/app/_components/ui/card";
import { PageHeader } from "~/app/_components/ui/page-header";
import { Stat } from "~/app/_components/ui/stat";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { serverCaller } from "~/app/_trpc/server";
import { fleetStatuses } from "../machines/fleet-query";
import { requireMember } from "~/server/web";
import { hasRole } from "~/server/tenancy/contract";
import { GettingStarted } from "./getting-started";
import { MachinesToVisit } from "./machines-to-visit";
import { NeedsAttention } from "./needs-attention";
import { RevenueThirtyDays } from "./revenue-30-days";
import { SetupChecklist } from "./setup-checklist";
import { setupSteps } from "./setup-steps";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("overview.page");
  return { title: t("metaTitle") };
}

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug);
  const caller = await serverCaller();
  const t = await getTranslations("overview.page");
  const statusLabel = await getTranslations("machines.status");
  const f = await getFormat();
  // Those who can take the setup steps see them until every one is done.
  const [overview, toVisit, attention, progress] = await Promise.all([
    caller.analytics.overview({ orgId: org.id }),
    caller.analytics.machinesToVisit({ orgId: org.id }),
    caller.analytics.needsAttention({ orgId: org.id }),
    hasRole(role, "manager") ? caller.machines.onboarding({ orgId: org.id }) : Promise.resolve(null),
  ]);
  const base = `/o/${org.slug}`;
  const money = (minor: number, compact = false) => f.money(minor, overview.currency, { compact });
  const fleet = Object.values(overview.machines).reduce((a, b) => a + b, 0);
  const day = f.weekday(new Date(`${overview.today}T00:00:00Z`), "UTC");
  // Last week is counted up to the same time of day as now, so the two figures compare.
  const until = f.clock(overview.lastWeekUntil, overview.timeZone);
  const change = overview.lastWeekRevenueMinor > 0 ? (overview.todayRevenueMinor - overview.lastWeekRevenueMinor) / overview.lastWeekRevenueMinor : null;
  const total30 = overview.byDay.reduce((n, d) => n + d.revenueMinor, 0);

  // Until the first machine is registered, the overview is the list of first steps.
  if (fleet === 0) return <GettingStarted org={org} role={role} />;

  return (
    <>
      <PageHeader title={org.name} description={t("description", { timeZone: overview.timeZone })} />

      {progress && !progress.complete && <SetupChecklist steps={await setupSteps(progress, base, role)} />}

      <NeedsAttention data={attention} base={base} canAccept={hasRole(role, "manager")} />

      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 lg:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label={t("revenueToday")}>
          <span className="tabular text-zinc-900 dark:text-zinc-100" data-testid="today-revenue">
            {money(overview.todayRevenueMinor)}
          </span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
            {change === null
              ? t("revenueAgainstNothing", { day, until, amount: money(overview.lastWeekRevenueMinor) })
              : t("revenueAgainst", { change: `${change >= 0 ? "+" : ""}${f.percent(change, 0)}`, day, until, amount: money(overview.lastWeekRevenueMinor) })}
          </span>
        </Stat>
        <Stat label={t("vendsToday")}>
          <span className="tabular text-zinc-900 dark:text-zinc-100">{f.count(overview.todayUnits)}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
            {t.rich("vendsLastWeek", { units: f.count(overview.lastWeekUnits), day, until, n: (chunks) => <span className="tabular">{chunks}</span> })}
          </span>
        </Stat>
        <Stat label={t("machinesOnline")}>
          <span className="tabular text-zinc-900 dark:text-zinc-100">
            {t.rich("onlineOf", {
              online: f.count(overview.machines.online),
              fleet: f.count(fleet),
              of: (chunks) => <span className="text-sm font-normal text-zinc-500">{chunks}</span>,
            })}
          </span>
          <Link href={`${base}/machines`} className="mt-0.5 block text-xs font-normal text-brand-600 hover:underline dark:text-brand-500">
            {t("seeFleet")}
          </Link>
        </Stat>
        <Stat label={t("openAlerts")}>
          <span className="flex items-center gap-1.5 tabular text-zinc-900 dark:text-zinc-100" data-testid="open-alerts">
            {overview.openAlerts > 0 && <AlertTriangle aria-hidden className="size-4 text-red-500" />}
            {f.count(overview.openAlerts)}
          </span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">{t("notResolved")}</span>
        </Stat>
      </dl>

      <div className="mt-6 grid items-start gap-6 lg:grid-cols-3">
        <Card title={t("revenue30Title")} description={t("revenue30Description", { amount: money(total30) })} className="lg:col-span-2">
          <RevenueThirtyDays days={overview.byDay} currency={overview.currency} />
        </Card>

        <Card title={t("byStatus")}>
          <ul className="space-y-2 text-[13px]">
            {fleetStatuses.map((status) => (
              <li key={status} className="flex items-center justify-between">
                <StatusBadge status={status} label={statusLabel(status)} />
                <Link href={`${base}/machines?status=${status}`} className="tabular font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                  {f.count(overview.machines[status])}
                </Link>
              </li>
            ))}
          </ul>
        </Card>

        <Card title={t("topProductsTitle")} className="lg:col-span-2" bodyClassName="p-0">
          {overview.topProducts.length === 0 ? (
            <p className="p-4 text-[13px] text-zinc-500 dark:text-zinc-400">{t("noSales")}</p>
          ) : (
            <table className={tableClasses}>
              <thead className={theadClasses}>
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("columns.product")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("columns.units")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("columns.revenue")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {overview.topProducts.map((p) => (
                  <tr key={p.productId} className={rowClasses}>
                    <td className={cellClasses}>{p.name}</td>
                    <td className={`${cellClasses} text-right tabular`}>{f.count(p.units)}</td>
                    <td className={`${cellClasses} text-right tabular`}>{money(p.revenueMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="border-t border-zinc-200 px-4 py-2.5 text-[13px] dark:border-zinc-800">
            <Link href={`${base}/rankings`} className="font-medium text-brand-600 hover:underline dark:text-brand-500">
              {t("allRankings")}
            </Link>
          </div>
        </Card>

        <MachinesToVisit machines={toVisit} base={base} />
      </div>
    </>
  );
}
