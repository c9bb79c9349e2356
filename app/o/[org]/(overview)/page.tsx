import { AlertTriangle } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "~/app/_components/ui/card";
import { formatCount, formatPercent } from "~/app/_components/labels/numbers";
import { PageHeader } from "~/app/_components/ui/page-header";
import { Stat } from "~/app/_components/ui/stat";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { serverCaller } from "~/app/_trpc/server";
import { formatMoney } from "~/server/money";
import { formatClock } from "~/server/time";
import { machineStatusOptions } from "../machines/fleet-query";
import { requireMember } from "~/server/web";
import { hasRole } from "~/server/tenancy/contract";
import { GettingStarted } from "./getting-started";
import { MachinesToVisit } from "./machines-to-visit";
import { NeedsAttention } from "./needs-attention";
import { RevenueThirtyDays } from "./revenue-30-days";
import { SetupChecklist } from "./setup-checklist";
import { setupSteps } from "./setup-steps";

export const metadata: Metadata = { title: "Overview" };

const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: "UTC" });

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug);
  const caller = await serverCaller();
  // Those who can take the setup steps see them until every one is done.
  const [overview, toVisit, attention, progress] = await Promise.all([
    caller.analytics.overview({ orgId: org.id }),
    caller.analytics.machinesToVisit({ orgId: org.id }),
    caller.analytics.needsAttention({ orgId: org.id }),
    hasRole(role, "manager") ? caller.machines.onboarding({ orgId: org.id }) : Promise.resolve(null),
  ]);
  const base = `/o/${org.slug}`;
  const money = (minor: number, compact = false) => formatMoney(minor, overview.currency, { compact });
  const fleet = Object.values(overview.machines).reduce((a, b) => a + b, 0);
  const day = weekday.format(new Date(`${overview.today}T00:00:00Z`));
  // Last week is counted up to the same time of day as now, so the two figures compare.
  const until = formatClock(overview.lastWeekUntil, overview.timeZone);
  const change = overview.lastWeekRevenueMinor > 0 ? (overview.todayRevenueMinor - overview.lastWeekRevenueMinor) / overview.lastWeekRevenueMinor : null;
  const total30 = overview.byDay.reduce((n, d) => n + d.revenueMinor, 0);

  // Until the first machine is registered, the overview is the list of first steps.
  if (fleet === 0) return <GettingStarted org={org} role={role} />;

  return (
    <>
      <PageHeader title={org.name} description={`Your fleet at a glance. Days in ${overview.timeZone}; figures are brought up to date every few minutes.`} />

      {progress && !progress.complete && <SetupChecklist steps={setupSteps(progress, base, role)} />}

      <NeedsAttention data={attention} base={base} canAccept={hasRole(role, "manager")} />

      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 lg:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label="Revenue today">
          <span className="tabular text-zinc-900 dark:text-zinc-100" data-testid="today-revenue">
            {money(overview.todayRevenueMinor)}
          </span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
            {change === null ? "nothing" : `${change >= 0 ? "+" : ""}${formatPercent(change, 0)} against`} last {day} until {until} ({money(overview.lastWeekRevenueMinor)})
          </span>
        </Stat>
        <Stat label="Vends today">
          <span className="tabular text-zinc-900 dark:text-zinc-100">{formatCount(overview.todayUnits)}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
            <span className="tabular">{formatCount(overview.lastWeekUnits)}</span> last {day} until {until}
          </span>
        </Stat>
        <Stat label="Machines online">
          <span className="tabular text-zinc-900 dark:text-zinc-100">
            {formatCount(overview.machines.online)} <span className="text-sm font-normal text-zinc-500">of {formatCount(fleet)}</span>
          </span>
          <Link href={`${base}/machines`} className="mt-0.5 block text-xs font-normal text-brand-600 hover:underline dark:text-brand-500">
            See the fleet
          </Link>
        </Stat>
        <Stat label="Open alerts">
          <span className="flex items-center gap-1.5 tabular text-zinc-900 dark:text-zinc-100" data-testid="open-alerts">
            {overview.openAlerts > 0 && <AlertTriangle aria-hidden className="size-4 text-red-500" />}
            {formatCount(overview.openAlerts)}
          </span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">not resolved yet</span>
        </Stat>
      </dl>

      <div className="mt-6 grid items-start gap-6 lg:grid-cols-3">
        <Card title="Revenue, last 30 days" description={`${money(total30)} from succeeded vends. Point at a day, or focus the chart and use the arrow keys.`} className="lg:col-span-2">
          <RevenueThirtyDays days={overview.byDay} currency={overview.currency} />
        </Card>

        <Card title="Machines by status">
          <ul className="space-y-2 text-[13px]">
            {machineStatusOptions.map(({ value: status, label }) => (
              <li key={status} className="flex items-center justify-between">
                <StatusBadge status={status} label={label} />
                <Link href={`${base}/machines?status=${status}`} className="tabular font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                  {formatCount(overview.machines[status])}
                </Link>
              </li>
            ))}
          </ul>
        </Card>

        <Card title="Top products, last 7 days" className="lg:col-span-2" bodyClassName="p-0">
          {overview.topProducts.length === 0 ? (
            <p className="p-4 text-[13px] text-zinc-500 dark:text-zinc-400">No sales in the last 7 days.</p>
          ) : (
            <table className={tableClasses}>
              <thead className={theadClasses}>
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Product
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Units
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Revenue
                  </th>
                </tr>
              </thead>
              <tbody>
                {overview.topProducts.map((p) => (
                  <tr key={p.productId} className={rowClasses}>
                    <td className={cellClasses}>{p.name}</td>
                    <td className={`${cellClasses} text-right tabular`}>{formatCount(p.units)}</td>
                    <td className={`${cellClasses} text-right tabular`}>{money(p.revenueMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="border-t border-zinc-200 px-4 py-2.5 text-[13px] dark:border-zinc-800">
            <Link href={`${base}/rankings`} className="font-medium text-brand-600 hover:underline dark:text-brand-500">
              All rankings
            </Link>
          </div>
        </Card>

        <MachinesToVisit machines={toVisit} base={base} />
      </div>
    </>
  );
}
