import { FileDown, FileText, Store } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "~/app/_components/ui/card";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { Stat } from "~/app/_components/ui/stat";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { orNotFound, serverCaller } from "~/app/_trpc/server";
import { getFormat } from "~/app/_components/i18n/get-format";
import { formatMonth } from "~/app/_components/org/format-month";
import { requireHost } from "~/server/web";
import { ReportProblem } from "./report-problem";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hostPortal.place"))("meta") };
}

/** One of a host's places: sales, the machines' state (with a way to report a problem) and the statements. */
export default async function HostLocationPage({ params }: { params: Promise<{ org: string; locationId: string }> }) {
  const { org: slug, locationId } = await params;
  const { org } = await requireHost(slug, `/h/${slug}/locations/${locationId}`);
  const place = await orNotFound((await serverCaller()).hostPortal.location({ org: org.id, locationId }));
  const tz = place.org.timeZone;
  const t = await getTranslations("hostPortal");
  const f = await getFormat();
  const locale = await getLocale();
  const monthName = (month: string) => formatMonth(month, locale);
  return (
    <>
      <nav aria-label={t("org.breadcrumb")} className="mb-2 text-[13px] text-zinc-500 dark:text-zinc-400">
        <Link href="/h" className="rounded hover:underline">
          {t("places.title")}
        </Link>
        <span aria-hidden> / </span>
        <Link href={`/h/${org.slug}`} className="rounded hover:underline">
          {org.name}
        </Link>
      </nav>
      <PageHeader title={place.location.name} description={place.location.address || t("place.machinesOf", { org: org.name })} />

      <div className="space-y-6">
        {place.totals.map((total) => (
          <dl
            key={total.currency}
            aria-label={t("place.salesIn", { currency: total.currency })}
            className="grid grid-cols-1 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-800"
          >
            <Stat label={t("place.today")}>
              <span className="tabular-nums">{f.money(total.todayMinor, total.currency)}</span>
              <span className="ml-2 text-xs font-normal text-zinc-500 dark:text-zinc-400">{t("place.sold", { count: f.count(total.todayUnits) })}</span>
            </Stat>
            <Stat label={t("place.thisMonth", { month: monthName(place.thisMonth) })}>
              <span className="tabular-nums">{f.money(total.monthMinor, total.currency)}</span>
              <span className="ml-2 text-xs font-normal text-zinc-500 dark:text-zinc-400">{t("place.sold", { count: f.count(total.monthUnits) })}</span>
            </Stat>
            <Stat label={t("place.lastMonth", { month: monthName(place.lastMonth) })}>
              <span className="tabular-nums">{f.money(total.lastMonthMinor, total.currency)}</span>
              <span className="ml-2 text-xs font-normal text-zinc-500 dark:text-zinc-400">{t("place.sold", { count: f.count(total.lastMonthUnits) })}</span>
            </Stat>
          </dl>
        ))}

        <Card title={t("place.machines")} description={t("place.machinesDescription")} bodyClassName="p-0">
          {place.machines.length === 0 ? (
            <div className="p-4">
              <EmptyState icon={<Store />} title={t("place.noMachinesTitle")}>
                {t("place.noMachinesBody")}
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
                        {m.model ? `${m.model} · ` : ""}
                        {t.rich("place.lastSeen", { time: () => <RelativeTime date={m.lastSeenAt} timeZone={tz} never={t("place.never")} /> })}
                      </p>
                    </div>
                    <div className="flex items-center gap-3">
                      {m.sales.map((s) => (
                        <span key={s.currency} className="text-sm tabular-nums text-zinc-700 dark:text-zinc-300">
                          {f.money(s.monthMinor, s.currency)}
                          <span className="sr-only"> {t("place.thisMonthSr")}</span>
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

        <Card title={t("place.statements")} description={t("place.statementsDescription")} bodyClassName="p-0">
          {place.statements.length === 0 ? (
            <div className="p-4">
              <EmptyState icon={<FileText />} title={t("place.noStatementsTitle")}>
                {t("place.noStatementsBody")}
              </EmptyState>
            </div>
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {place.statements.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                  <div className="min-w-0">
                    <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{monthName(s.month)}</p>
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {t("place.statementLine", { gross: f.money(s.grossMinor, s.currency), commission: f.money(s.commissionMinor, s.currency) })}
                      {s.adjustmentsMinor !== 0 && t("place.adjustments", { amount: f.money(s.adjustmentsMinor, s.currency) })}
                    </p>
                    {s.revisionNote && <p className="mt-0.5 text-xs text-amber-700 dark:text-amber-300">{s.revisionNote}</p>}
                  </div>
                  <div className="flex items-center gap-3">
                    <span className="text-sm font-semibold tabular-nums">{f.money(s.totalMinor, s.currency)}</span>
                    <StatusBadge status={s.status} label={t(`place.status.${s.status === "approved" || s.status === "sent" ? s.status : "paid"}`)} />
                    <a
                      href={`/h/${org.slug}/statements/${s.id}/pdf`}
                      className="inline-flex min-h-9 items-center gap-1 rounded-md px-2 text-[13px] font-medium text-brand-600 hover:underline dark:text-brand-500"
                    >
                      <FileDown aria-hidden className="size-4" />
                      {t.rich("place.pdf", { month: monthName(s.month), sr: (chunks) => <span className="sr-only">{chunks}</span> })}
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
