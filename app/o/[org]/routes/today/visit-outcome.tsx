"use client";

import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { CheckCircle2, FileText, Wallet } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { varianceTone } from "~/app/_components/ui/variance";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { CrcBadge, NotesCount } from "../../audits/audit-badges";

export type VisitAnswer = RouterOutputs["visits"]["record"];

/** The cash result a visit answers once cash accountability is there: what the machine should have held, what was counted. */
interface CashAnswer {
  expectedMinor: number | null;
  countedMinor: number;
  varianceMinor: number | null;
  currency: string | null;
}

function cashOf(answer: VisitAnswer): CashAnswer | null {
  const cash = (answer as { cash?: Partial<CashAnswer> | null }).cash;
  return cash && typeof cash.countedMinor === "number"
    ? { countedMinor: cash.countedMinor, expectedMinor: cash.expectedMinor ?? null, varianceMinor: cash.varianceMinor ?? null, currency: cash.currency ?? null }
    : null;
}

/** What the recorded visit came to: the audit file's outcome and the cash counted (with its variance when known). */
export function VisitOutcome({ answer, countedMinor }: { answer: VisitAnswer; countedMinor: number | null }) {
  const t = useTranslations("routes.outcome");
  const f = useFormat();
  const org = useOrg();
  const cash = cashOf(answer);
  const counted = cash?.countedMinor ?? countedMinor;
  const currency = cash?.currency ?? org.currency;
  return (
    <section aria-label={t("label")} className="mt-3 space-y-2 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800">
      <p className="flex items-center gap-1.5 font-medium text-emerald-700 dark:text-emerald-400">
        <CheckCircle2 aria-hidden className="size-4" />
        {answer.duplicate ? t("duplicate") : t("recorded")}
      </p>
      {answer.audit && <AuditOutcome audit={answer.audit} />}
      {counted !== null && (
        <div className="flex items-start gap-2 rounded-md bg-zinc-50 px-3 py-2 dark:bg-zinc-800/60">
          <Wallet aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-500" />
          <div className="min-w-0 flex-1">
            <p>
              {t.rich("cash", { amount: f.money(counted, currency), b: (chunks) => <span className="tabular font-semibold">{chunks}</span> })}
            </p>
            {cash && cash.expectedMinor !== null && cash.varianceMinor !== null && (
              <p className="mt-0.5 text-[13px] text-zinc-600 dark:text-zinc-400">
                {t.rich("expected", { amount: f.money(cash.expectedMinor, currency), n: (chunks) => <span className="tabular">{chunks}</span> })} ·{" "}
                <span className={clsx("tabular font-semibold", varianceTone(cash.varianceMinor))}>
                  {cash.varianceMinor === 0
                    ? t("exact")
                    : cash.varianceMinor < 0
                      ? t("short", { amount: f.money(-cash.varianceMinor, currency) })
                      : t("over", { amount: f.money(cash.varianceMinor, currency) })}
                </span>
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function AuditOutcome({ audit }: { audit: NonNullable<VisitAnswer["audit"]> }) {
  const t = useTranslations("routes.outcome");
  const org = useOrg();
  const trpc = useTRPC();
  // The units since the read before come from the stored audit's sales between reads.
  const stored = useQuery(trpc.audits.get.queryOptions({ orgId: org.id, auditId: audit.id }));
  const sales = stored.data?.sales ?? [];
  const known = sales.filter((s) => s.units !== null);
  const units = known.reduce((n, s) => n + (s.units ?? 0), 0);
  return (
    <div className="flex items-start gap-2 rounded-md bg-zinc-50 px-3 py-2 dark:bg-zinc-800/60">
      <FileText aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-500" />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="flex flex-wrap items-center gap-1.5">
          <span>{t("audit")}</span>
          {audit.status === "accepted" ? <StatusBadge status="accepted" /> : <StatusBadge status="revoked" label={t("alreadyReceived")} />}
          <CrcBadge crc={audit.crc} />
        </p>
        <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
          {t("qualityNotes")} <NotesCount count={audit.quality.length} />
          {" · "}
          {stored.isPending ? (
            "…"
          ) : stored.isError ? (
            t("salesNotLoaded")
          ) : known.length > 0 ? (
            <>
              {t.rich("unitsSold", { count: units, n: (chunks) => <span className="tabular font-semibold text-zinc-900 dark:text-zinc-100">{chunks}</span> })}
            </>
          ) : (
            t("firstAudit")
          )}
        </p>
        {audit.quality.length > 0 && (
          <ul className="list-disc pl-4 text-[13px] text-amber-800 dark:text-amber-300">
            {audit.quality.map((q, i) => (
              <li key={`${q.code}-${i}`}>{q.message}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
