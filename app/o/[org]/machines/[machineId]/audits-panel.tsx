"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { FileText, TriangleAlert, Upload } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { hasRole } from "~/server/tenancy/contract";
import { CrcBadge, NotesCount, QualityChip } from "../../audits/audit-badges";
import { formatAuditAmount, missedBySlot, useAuditSourceLabel, useMissedSentence } from "../../audits/audit-format";
import { useFormat } from "~/app/_components/i18n/format";
import { AuditDetailModal } from "./audit-detail";
import { machineAuditsInput } from "./audits-query";
import { CoinTubes } from "./coin-tubes";
import { SelectionMap } from "./selection-map";

const th = "px-3 py-2 font-medium whitespace-nowrap";

/**
 * The machine's DEX audits: the newest reads with their totals and checks, what telemetry missed
 * since the read before, data quality and coin tubes, and the selection map.
 */
export function AuditsPanel({ machineId }: { machineId: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: summary } = useSuspenseQuery(trpc.audits.machineSummary.queryOptions({ orgId: org.id, machineId }));
  const { data: list } = useSuspenseQuery(trpc.audits.list.queryOptions(machineAuditsInput(org.id, machineId)));
  const [open, setOpen] = useState<string | null>(null);
  const canUpload = hasRole(org.role, "technician");
  const t = useTranslations("machines.audits");
  const sourceLabel = useAuditSourceLabel();
  const missedSentence = useMissedSentence();
  const { locale } = useFormat();
  const uploadLink = (
    <Link href={`/o/${org.slug}/audits`} className={buttonClasses("secondary", "sm")}>
      <Upload aria-hidden />
      {t("upload")}
    </Link>
  );

  if (summary.audits === 0) {
    return (
      <Card id="audits" title={t("title")} description={t("emptyDescription")}>
        <EmptyState icon={<FileText />} title={t("none")} action={canUpload ? uploadLink : undefined}>
          {t("noneText")}
        </EmptyState>
      </Card>
    );
  }

  const missed = missedBySlot(summary.latestSales);
  return (
    <div className="space-y-6">
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card
          id="audits"
          className="min-w-0 lg:col-span-2"
          title={t("title")}
          description={t.rich("summary", {
            count: summary.audits,
            n: (chunks) => <span className="tabular">{chunks}</span>,
            time: () => <RelativeTime date={summary.lastReadAt} timeZone={org.timeZone} />,
          })}
          actions={canUpload ? uploadLink : undefined}
          bodyClassName="p-0"
        >
          {missed.length > 0 && (
            <ul aria-label={t("reconciliation")} className="space-y-1.5 border-b border-zinc-200 p-3 dark:border-zinc-800">
              {missed.map((m) => (
                <li key={m.slot} className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-[13px] text-red-800 dark:bg-red-500/10 dark:text-red-200">
                  <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
                  {missedSentence(m)}
                </li>
              ))}
            </ul>
          )}
          <div className="relative overflow-x-auto">
            <table className={tableClasses} aria-label={t("latest")}>
              <thead className={theadClasses}>
                <tr>
                  <th scope="col" className={th}>
                    {t("read")}
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    {t("paidVends")}
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    {t("cashCashless")}
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    {t("sinceLast")}
                  </th>
                  <th scope="col" className={th}>
                    {t("checks")}
                  </th>
                  <th scope="col" className={th}>
                    <span className="sr-only">{t("details")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((a) => (
                  <tr key={a.id} className={rowClasses}>
                    <td className={clsx(cellClasses, "whitespace-nowrap")}>
                      <Timestamp date={a.readAt} timeZone={org.timeZone} className="tabular" />
                      <span className="block text-xs text-zinc-500 dark:text-zinc-400">{sourceLabel(a.source)}</span>
                    </td>
                    <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>
                      {a.paidCount ?? "—"}
                      <span className="block text-xs text-zinc-500 dark:text-zinc-400">{formatAuditAmount(a.paidValueMinor, a.decimals, a.currency, locale)}</span>
                    </td>
                    <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>
                      {formatAuditAmount(a.cashSalesMinor, a.decimals, a.currency, locale)}
                      <span className="block text-xs text-zinc-500 dark:text-zinc-400">{formatAuditAmount(a.cashlessSalesMinor, a.decimals, a.currency, locale)}</span>
                    </td>
                    <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>
                      {a.unitsSinceLast === null ? <span className="text-zinc-500 dark:text-zinc-400">{t("firstRead")}</span> : t("units", { count: a.unitsSinceLast })}
                      {a.missedVends > 0 && <span className="block text-xs font-semibold text-red-600 dark:text-red-400">{t("missed", { count: a.missedVends })}</span>}
                    </td>
                    <td className={cellClasses}>
                      <span className="flex flex-wrap items-center gap-1.5">
                        <CrcBadge crc={a.crc} />
                        <NotesCount count={a.quality.length} />
                      </span>
                    </td>
                    <td className={clsx(cellClasses, "text-right")}>
                      <Button size="sm" variant="ghost" onClick={() => setOpen(a.id)} aria-label={t("detailsOf", { read: a.readAtLocal?.replace("T", " ") ?? a.id })}>
                        {t("details")}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {summary.audits > list.items.length && (
            <p className="border-t border-zinc-200 px-4 py-2.5 text-xs dark:border-zinc-800">
              <Link href={`/o/${org.slug}/audits?machine=${machineId}`} className="font-medium text-brand-600 hover:underline dark:text-brand-500">
                {t("all", { count: summary.audits })}
              </Link>
            </p>
          )}
        </Card>
        <div className="min-w-0 space-y-6">
          <Card id="audit-quality" title={t("quality")} description={t("qualityDescription")}>
            {summary.qualityByCode.length === 0 ? (
              <p className="text-[13px] text-zinc-500 dark:text-zinc-400">{t("noNotes")}</p>
            ) : (
              <ul aria-label={t("qualityByKind")} className="flex flex-wrap gap-1.5">
                {summary.qualityByCode.map((q) => (
                  <li key={q.code}>
                    <QualityChip code={q.code} count={q.count} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {summary.coinTubes.length > 0 && <CoinTubes tubes={summary.coinTubes} decimals={summary.coinDecimals} currency={summary.coinCurrency} />}
        </div>
      </div>
      <SelectionMap machineId={machineId} />
      <AuditDetailModal auditId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
