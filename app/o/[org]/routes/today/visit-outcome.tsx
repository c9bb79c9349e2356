"use client";

import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { CheckCircle2, FileText, Wallet } from "lucide-react";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { varianceTone } from "~/app/_components/ui/variance";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { formatMoney } from "~/server/money";
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
  const org = useOrg();
  const cash = cashOf(answer);
  const counted = cash?.countedMinor ?? countedMinor;
  const currency = cash?.currency ?? org.currency;
  return (
    <section aria-label="Visit recorded" className="mt-3 space-y-2 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800">
      <p className="flex items-center gap-1.5 font-medium text-emerald-700 dark:text-emerald-400">
        <CheckCircle2 aria-hidden className="size-4" />
        {answer.duplicate ? "This visit was already recorded." : "Visit recorded."}
      </p>
      {answer.audit && <AuditOutcome audit={answer.audit} />}
      {counted !== null && (
        <div className="flex items-start gap-2 rounded-md bg-zinc-50 px-3 py-2 dark:bg-zinc-800/60">
          <Wallet aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-500" />
          <div className="min-w-0 flex-1">
            <p>
              Cash counted <span className="tabular font-semibold">{formatMoney(counted, currency)}</span>
            </p>
            {cash && cash.expectedMinor !== null && cash.varianceMinor !== null && (
              <p className="mt-0.5 text-[13px] text-zinc-600 dark:text-zinc-400">
                Expected <span className="tabular">{formatMoney(cash.expectedMinor, currency)}</span> ·{" "}
                <span className={clsx("tabular font-semibold", varianceTone(cash.varianceMinor))}>
                  {cash.varianceMinor === 0
                    ? "exact"
                    : cash.varianceMinor < 0
                      ? `${formatMoney(-cash.varianceMinor, currency)} short`
                      : `${formatMoney(cash.varianceMinor, currency)} over`}
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
          <span>Audit file</span>
          {audit.status === "accepted" ? <StatusBadge status="accepted" label="Accepted" /> : <StatusBadge status="revoked" label="Already received" />}
          <CrcBadge crc={audit.crc} />
        </p>
        <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
          Quality notes: <NotesCount count={audit.quality.length} />
          {" · "}
          {stored.isPending ? (
            "…"
          ) : stored.isError ? (
            "sales since the last read not loaded"
          ) : known.length > 0 ? (
            <>
              <span className="tabular font-semibold text-zinc-900 dark:text-zinc-100">{units}</span> {units === 1 ? "unit" : "units"} sold since the last read
            </>
          ) : (
            "first audit of this machine"
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
