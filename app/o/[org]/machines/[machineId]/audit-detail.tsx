"use client";

import { useQuery } from "@tanstack/react-query";
import { Download, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { CrcBadge, useQualityLabel } from "../../audits/audit-badges";
import { formatAuditAmount, formatFileSize, missedBySlot, useAuditSourceLabel, useMissedSentence, type AuditFull } from "../../audits/audit-format";
import { useFormat } from "~/app/_components/i18n/format";
import { AuditCountersTable, AuditSalesTable } from "./audit-sales-table";

/** One audit in a dialog: its figures, sales since the read before, quality notes and the file itself. */
export function AuditDetailModal({ auditId, onClose }: { auditId: string | null; onClose: () => void }) {
  const org = useOrg();
  const trpc = useTRPC();
  const audit = useQuery(trpc.audits.get.queryOptions({ orgId: org.id, auditId: auditId ?? "" }, { enabled: auditId !== null }));
  const data = audit.data && audit.data.id === auditId ? audit.data : null;
  const t = useTranslations("machines.audit");
  return (
    <Modal
      open={auditId !== null}
      onOpenChange={(open) => !open && onClose()}
      title={data ? t("title", { machine: data.machineName }) : t("untitled")}
      description={data ? <Timestamp date={data.readAt} timeZone={org.timeZone} /> : undefined}
      wide
    >
      {audit.isError ? (
        <FormAlert message={errorMessageOf(audit.error)} />
      ) : !data ? (
        <div role="status" aria-label={t("loading")} className="space-y-3">
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : (
        <AuditDetail audit={data} />
      )}
    </Modal>
  );
}

const dt = "text-xs font-medium text-zinc-500 dark:text-zinc-400";
const dd = "mt-0.5 text-[13px] text-zinc-900 dark:text-zinc-100";
const h3 = "mb-2 text-[13px] font-semibold text-zinc-900 dark:text-zinc-100";

function AuditDetail({ audit }: { audit: AuditFull }) {
  const org = useOrg();
  const t = useTranslations("machines.audit");
  const sourceLabel = useAuditSourceLabel();
  const missedSentence = useMissedSentence();
  const qualityLabel = useQualityLabel();
  const { locale } = useFormat();
  const money = (minor: number | null) => formatAuditAmount(minor, audit.decimals, audit.currency, locale);
  const missed = missedBySlot(audit.sales);
  const unmapped = audit.sales.filter((s) => s.slotCode === null).length;
  const fileName = audit.fileName ?? `audit-${audit.id}.dex`;
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3">
        <div>
          <dt className={dt}>{t("machine")}</dt>
          <dd className={dd}>
            <Link href={`/o/${org.slug}/machines/${audit.machineId}`} className="font-medium hover:underline">
              {audit.machineName}
            </Link>
          </dd>
        </div>
        <div>
          <dt className={dt}>{t("clock")}</dt>
          <dd className={`${dd} font-mono text-xs`}>{audit.readAtLocal?.replace("T", " ") ?? t("notGiven")}</dd>
        </div>
        <div>
          <dt className={dt}>{t("source")}</dt>
          <dd className={dd}>
            {audit.uploadedByName ? t("sourceBy", { source: sourceLabel(audit.source), name: audit.uploadedByName }) : sourceLabel(audit.source)}
          </dd>
        </div>
        <div>
          <dt className={dt}>{t("paidVends")}</dt>
          <dd className={`${dd} tabular`}>
            {audit.paidCount ?? "—"} · {money(audit.paidValueMinor)}
          </dd>
        </div>
        <div>
          <dt className={dt}>{t("cash")}</dt>
          <dd className={`${dd} tabular`}>{money(audit.cashSalesMinor)}</dd>
        </div>
        <div>
          <dt className={dt}>{t("cashless")}</dt>
          <dd className={`${dd} tabular`}>{money(audit.cashlessSalesMinor)}</dd>
        </div>
        <div>
          <dt className={dt}>{t("serialModel")}</dt>
          <dd className={`${dd} break-words`}>
            <span className="font-mono text-xs">{audit.machineSerial ?? t("none")}</span>
            {audit.details.machineModel ? ` · ${audit.details.machineModel}` : ""}
          </dd>
        </div>
        <div>
          <dt className={dt}>{t("previousRead")}</dt>
          <dd className={`${dd} font-mono text-xs`}>{audit.details.previousReadAt?.replace("T", " ") ?? t("notGiven")}</dd>
        </div>
        <div>
          <dt className={dt}>{t("file")}</dt>
          <dd className={`${dd} flex flex-wrap items-center gap-1.5`}>
            <CrcBadge crc={audit.crc} />
            <span className="tabular text-xs text-zinc-500">{formatFileSize(audit.sizeBytes)}</span>
          </dd>
        </div>
      </dl>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {audit.currency ? t("amounts", { decimals: audit.decimals, currency: audit.currency }) : t("amountsNoCurrency", { decimals: audit.decimals })}
      </p>

      {(missed.length > 0 || unmapped > 0) && (
        <ul aria-label={t("reconciliation")} className="space-y-1.5">
          {missed.map((m) => (
            <li key={m.slot} className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-[13px] text-red-800 dark:bg-red-500/10 dark:text-red-200">
              <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
              {missedSentence(m)}
            </li>
          ))}
          {unmapped > 0 && (
            <li className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-[13px] text-amber-800 dark:bg-amber-500/10 dark:text-amber-200">
              <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
              {t("unmapped", { count: unmapped })}
            </li>
          )}
        </ul>
      )}

      <section aria-label={t("salesSince")}>
        <h3 className={h3}>{t("salesSince")}</h3>
        <AuditSalesTable audit={audit} />
      </section>

      <section aria-label={t("qualityNotes")}>
        <h3 className={h3}>{t("qualityNotes")}</h3>
        {audit.quality.length === 0 ? (
          <p className="text-[13px] text-zinc-500 dark:text-zinc-400">{t("qualityNone")}</p>
        ) : (
          <ul className="space-y-1.5">
            {audit.quality.map((q, i) => (
              <li key={`${q.code}-${i}`} className="rounded-md border border-amber-200 bg-amber-50/60 px-3 py-2 text-[13px] dark:border-amber-500/25 dark:bg-amber-500/5">
                <span className="font-medium text-amber-800 dark:text-amber-300">{qualityLabel(q.code)}</span>
                <span className="block text-zinc-700 dark:text-zinc-300">{q.message}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-label={t("counters")}>
        <h3 className={h3}>{t("countersTitle")}</h3>
        <AuditCountersTable audit={audit} />
      </section>

      <section aria-label={t("rawFile")}>
        <div className="mb-2 flex items-center justify-between gap-2">
          <h3 className="text-[13px] font-semibold text-zinc-900 dark:text-zinc-100">{t("asReceived")}</h3>
          <a
            href={`data:application/octet-stream;base64,${btoa(audit.rawText)}`}
            download={fileName}
            className="inline-flex items-center gap-1.5 text-[13px] font-medium text-brand-600 hover:underline dark:text-brand-500"
          >
            <Download aria-hidden className="size-4" />
            {t("download", { file: fileName })}
          </a>
        </div>
        <pre
          tabIndex={0}
          aria-label={t("rawText", { file: fileName })}
          className="max-h-64 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs leading-relaxed text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
        >
          {audit.rawText}
        </pre>
      </section>
    </div>
  );
}
