"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ChevronLeft, Download, FileText, History } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useFormat } from "~/app/_components/i18n/format";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { useOrg } from "~/app/_components/org/org-context";
import { Stat } from "~/app/_components/ui/stat";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { useTRPC } from "~/app/_trpc/client";
import { contractInWords, percentInWords, useContractWords } from "../../contract-words";
import { formatMonth } from "../../months";
import { useStatementStatus } from "../../statement-status";
import { StatementActions } from "./statement-actions";
import { StatementAdjustments } from "./statement-adjustments";
import { StatementHistory } from "./statement-history";
import { StatementLines } from "./statement-lines";

/** One host statement: the place and month, its state and what can be done next, the figures, the rule applied, the lines and the adjustments. */
export function StatementView({ statementId }: { statementId: string }) {
  const org = useOrg();
  const t = useTranslations("hosts.statement");
  const f = useFormat();
  const words = useContractWords();
  const statuses = useStatementStatus();
  const trpc = useTRPC();
  const { data: s } = useSuspenseQuery(trpc.hosts.statements.get.queryOptions({ orgId: org.id, statementId }));
  const money = (minor: number) => f.money(minor, s.currency);
  const base = `/o/${org.slug}/hosts/statements/${s.id}`;
  const b = s.breakdown;
  const parts = [
    b.percentMinor ? { label: t(`partPercent.${s.contract.basis}`), minor: b.percentMinor } : null,
    b.perUnitMinor ? { label: t("partPerUnit"), minor: b.perUnitMinor } : null,
    b.flatRentMinor ? { label: t("partRent"), minor: b.flatRentMinor } : null,
    b.minimumTopUpMinor ? { label: t("partMinimum"), minor: b.minimumTopUpMinor } : null,
  ].filter((p) => p !== null);

  return (
    <>
      <header className="mb-6">
        <Link
          href={`/o/${org.slug}/hosts?month=${s.month}`}
          className="-ml-1 inline-flex items-center gap-0.5 rounded px-1 text-[13px] text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          <ChevronLeft aria-hidden className="size-4" />
          {t("back")}
        </Link>
        <div className="mt-1 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2.5">
              <h1 className="text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
                {t("metaTitle", { place: s.locationName, month: formatMonth(s.month, f.locale) })}
              </h1>
              <StatusBadge status={s.status} label={statuses.label(s.status)} />
              {s.revision > 0 && (
                <span className="rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-700 ring-1 ring-violet-600/20 ring-inset dark:bg-violet-500/10 dark:text-violet-300">
                  {s.revision > 1 ? t("revisedTimes", { count: s.revision }) : t("revisedBadge")}
                </span>
              )}
            </div>
            <p className="mt-1.5 text-[13px] text-zinc-500 dark:text-zinc-400">
              {t("amountsIn", { currency: s.currency })} ·{" "}
              <Link href={`/o/${org.slug}/locations/${s.locationId}`} className="hover:text-brand-600 hover:underline dark:hover:text-brand-500">
                {t("contractLink")}
              </Link>
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <a href={`${base}/csv`} className={buttonClasses("secondary", "sm")} download>
              <Download aria-hidden /> {t("csv")}
            </a>
            <a href={`${base}/pdf`} className={buttonClasses("secondary", "sm")} download>
              <FileText aria-hidden /> {t("pdf")}
            </a>
          </div>
        </div>
      </header>

      {s.revisionNote && (
        <div
          role="note"
          data-testid="revision-note"
          className="mb-5 flex items-start gap-2 rounded-md border border-violet-200 bg-violet-50 px-3 py-2.5 text-[13px] text-violet-900 dark:border-violet-500/30 dark:bg-violet-500/10 dark:text-violet-100"
        >
          <History aria-hidden className="mt-0.5 size-4 shrink-0" />
          <p>
            <span className="font-semibold">{t("revisedNote")}</span> {s.revisionNote}
          </p>
        </div>
      )}

      <StatementActions statement={s} />

      <dl className="mt-5 grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label={t("unitsSold")}>
          <span className="tabular">{f.count(s.units)}</span>
        </Stat>
        <Stat label={t("grossSales")}>
          <span className="tabular">{money(s.grossMinor)}</span>
        </Stat>
        <Stat label={t("netSales")}>
          <span className="tabular">{money(s.netMinor)}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
            {t("netAfter", { refunds: money(s.refundsMinor), vat: money(s.vatMinor) })}
          </span>
        </Stat>
        <Stat label={t("commission")}>
          <span className="tabular">{money(s.commissionMinor)}</span>
        </Stat>
        <Stat label={t("adjustments")}>
          <span className="tabular">{money(s.adjustmentsMinor)}</span>
        </Stat>
        <Stat label={t("totalOwed")}>
          <span className="tabular" data-testid="statement-total">
            {money(s.totalMinor)}
          </span>
        </Stat>
      </dl>

      <div className="mt-6 grid items-start gap-6 lg:grid-cols-3">
        <Card title={t("ruleApplied")} description={t("ruleDescription", { month: formatMonth(s.contract.effectiveFrom, f.locale) })} className="lg:col-span-2">
          <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100" data-testid="rule-applied">
            {contractInWords(s.contract, words)}
          </p>
          {parts.length > 0 && (
            <dl className="mt-3 space-y-1 text-[13px]">
              {parts.map((p) => (
                <div key={p.label} className="flex justify-between gap-4">
                  <dt className="text-zinc-600 dark:text-zinc-400">{p.label}</dt>
                  <dd className="tabular text-zinc-900 dark:text-zinc-100">{money(p.minor)}</dd>
                </div>
              ))}
              <div className="flex justify-between gap-4 border-t border-zinc-200 pt-1 font-medium dark:border-zinc-800">
                <dt>{t("commissionRounded")}</dt>
                <dd className="tabular">{money(s.commissionMinor)}</dd>
              </div>
            </dl>
          )}
          {s.contract.tiers && s.contract.tiers.length > 0 && (
            <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
              {t("tiersMarginal", { percent: percentInWords(s.contract.tiers[0]!.percentBp, words) })}
            </p>
          )}
        </Card>
        <StatementHistory statement={s} />
      </div>

      <div className="mt-6 space-y-6">
        <Card title={t("salesByMachine")} bodyClassName="p-0">
          <StatementLines lines={s.lines} currency={s.currency} />
        </Card>
        <StatementAdjustments statement={s} />
      </div>
    </>
  );
}
