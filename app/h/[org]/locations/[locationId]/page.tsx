import { FileDown, FileText, Store } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "~/app/_components/ui/card";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { Stat } from "~/app/_components/ui/stat";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { orNotFound, serverCaller } from "~/app/_trpc/server";
import { formatMoney } from "~/server/money";
import { requireHost } from "~/server/web";
import { ReportProblem } from "./report-problem";

export const metadata: Metadata = { title: "Your place" };

const monthName = (month: string) =>
  new Date(`${month.slice(0, 7)}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** One of a host's places: sales, the machines' state (with a way to report a problem) and the statements. */
export default async function HostLocationPage({ params }: { params: Promise<{ org: string; locationId: string }> }) {
  const { org: slug, locationId } = await params;
  const { org } = await requireHost(slug, `/h/${slug}/locations/${locationId}`);
  const place = await orNotFound((await serverCaller()).hostPortal.location({ org: org.id, locationId }));
  const tz = place.org.timeZone;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-[13px] text-zinc-500 dark:text-zinc-400">
        <Link href="/h" className="rounded hover:underline">
          Your places
        </Link>
        <span aria-hidden> / </span>
        <Link href={`/h/${org.slug}`} className="rounded hover:underline">
          {org.name}
        </Link>
      </nav>
      <PageHeader title={place.location.name} description={place.location.address || `Machines of ${org.name}`} />

      <div className="space-y-6">
        {place.totals.map((t) => (
          <dl
            key={t.currency}
            aria-label={`Sales in ${t.currency}`}
            className="grid grid-cols-1 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-800"
          >
            <Stat label="Today">
              <span className="tabular-nums">{formatMoney(t.todayMinor, t.currency)}</span>
              <span className="ml-2 text-xs font-normal text-zinc-500 dark:text-zinc-400">{t.todayUnits} sold</span>
            </Stat>
            <Stat label={`This month (${monthName(place.thisMonth)})`}>
              <span className="tabular-nums">{formatMoney(t.monthMinor, t.currency)}</span>
              <span className="ml-2 text-xs font-normal text-zinc-500 dark:text-zinc-400">{t.monthUnits} sold</span>
            </Stat>
            <Stat label={`Last month (${monthName(place.lastMonth)})`}>
              <span className="tabular-nums">{formatMoney(t.lastMonthMinor, t.currency)}</span>
              <span className="ml-2 text-xs font-normal text-zinc-500 dark:text-zinc-400">{t.lastMonthUnits} sold</span>
            </Stat>
          </dl>
        ))}

        <Card title="Machines" description="Their state as last reported, and sales this month. Something wrong? Tell the operator." bodyClassName="p-0">
          {place.machines.length === 0 ? (
            <div className="p-4">
              <EmptyState icon={<Store />} title="No machines here right now">
                The operator has no machine at this place at the moment.
              </EmptyState>
            </div>
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {place.machines.map((m) => (
                <li key={m.id} className="px-4 py-3">
                  <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
                    <div className="min-w-0">
                      <p className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{m.name}</p>
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">
                        {m.model ? `${m.model} · ` : ""}Last seen <RelativeTime date={m.lastSeenAt} timeZone={tz} never="never" />
                      </p>
                    </div>
                    <div className="flex items-center gap-3">
                      {m.sales.map((s) => (
                        <span key={s.currency} className="text-sm tabular-nums text-zinc-700 dark:text-zinc-300">
                          {formatMoney(s.monthMinor, s.currency)}
                          <span className="sr-only"> this month</span>
                        </span>
                      ))}
                      <StatusBadge status={m.status} />
                    </div>
                  </div>
                  <ReportProblem org={org.id} machineId={m.id} machineName={m.name} />
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="Statements" description="Your monthly commission statements once the operator has approved them." bodyClassName="p-0">
          {place.statements.length === 0 ? (
            <div className="p-4">
              <EmptyState icon={<FileText />} title="No statements yet">
                A statement appears here after the operator approves the first closed month.
              </EmptyState>
            </div>
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {place.statements.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                  <div className="min-w-0">
                    <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{monthName(s.month)}</p>
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      Sales {formatMoney(s.grossMinor, s.currency)} · commission {formatMoney(s.commissionMinor, s.currency)}
                      {s.adjustmentsMinor !== 0 && ` · adjustments ${formatMoney(s.adjustmentsMinor, s.currency)}`}
                    </p>
                    {s.revisionNote && <p className="mt-0.5 text-xs text-amber-700 dark:text-amber-300">{s.revisionNote}</p>}
                  </div>
                  <div className="flex items-center gap-3">
                    <span className="text-sm font-semibold tabular-nums">{formatMoney(s.totalMinor, s.currency)}</span>
                    <StatusBadge status={s.status} label={s.status === "approved" ? "Approved" : s.status === "sent" ? "Sent" : "Paid"} />
                    <a
                      href={`/h/${org.slug}/statements/${s.id}/pdf`}
                      className="inline-flex min-h-9 items-center gap-1 rounded-md px-2 text-[13px] font-medium text-brand-600 hover:underline dark:text-brand-500"
                    >
                      <FileDown aria-hidden className="size-4" />
                      PDF<span className="sr-only"> of {monthName(s.month)}</span>
                    </a>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
