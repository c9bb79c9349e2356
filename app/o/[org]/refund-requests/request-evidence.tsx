"use client";

import clsx from "clsx";
import { CircleAlert, History, ScrollText } from "lucide-react";
import { useOrg } from "~/app/_components/org/org-context";
import { refundStatusLabels } from "~/app/_components/labels/refund-labels";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { alertText } from "~/server/alerts/contract";
import { EVIDENCE_WINDOW_HOURS, type RequestEvidence } from "~/server/consumers/contract";
import { formatMoney } from "~/server/money";
import { formatClock, formatDate, formatDateTime } from "~/server/time";

type MachineEvent = RequestEvidence["machine"]["events"][number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const failureWords: Record<string, string> = { dispense_failed: "nothing dispensed", jammed: "jammed", sold_out: "sold out", timeout: "timed out", other: "other" };

function eventText(e: MachineEvent): string {
  if (e.type === "vend.failed") return `Failed vend on ${e.slot ?? "?"}${e.reason ? `: ${failureWords[e.reason] ?? e.reason}` : ""}`;
  if (e.type === "machine.fault_cleared") return `Fault ${e.code ?? ""} cleared`;
  return `Fault ${e.code ?? ""}${e.message ? `: ${e.message}` : ""}`;
}

const sectionClasses = "min-w-0 rounded-md border border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-950/40";
const headingClasses = "mb-1.5 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400";
const lineClasses = "text-[13px] text-zinc-700 dark:text-zinc-300";
const mutedClasses = "text-xs text-zinc-500 dark:text-zinc-400";

/** Beside a pending request: the consumer's past with the operator and the machine's log around the purchase. */
export function RequestEvidenceView({ evidence, slotCode, currency, label }: { evidence: RequestEvidence; slotCode: string; currency: string; label: string }) {
  const org = useOrg();
  const { consumer: c, machine: m } = evidence;
  const clock = (at: Date) => (
    <time dateTime={at.toISOString()} title={formatDateTime(at, org.timeZone)} className="tabular">
      {formatClock(at, org.timeZone)}
    </time>
  );
  return (
    <div className="grid gap-3 lg:grid-cols-2" aria-label={`Evidence for the ${label}`} role="group">
      {evidence.failedVendAt && (
        <p role="note" className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-[13px] text-red-800 lg:col-span-2 dark:bg-red-500/10 dark:text-red-300">
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            The machine logged a failed vend for this purchase at {clock(evidence.failedVendAt)} on {formatDate(evidence.failedVendAt, org.timeZone)}.
          </span>
        </p>
      )}
      <section aria-label="The consumer's history with you" className={sectionClasses}>
        <h3 className={headingClasses}>
          <History aria-hidden className="size-3.5" /> Consumer
        </h3>
        <p className={lineClasses}>
          {plural(c.purchases, "purchase")}
          {c.failedPurchases > 0 && ` (${c.failedPurchases} failed)`} · spent {formatMoney(c.spentMinor, currency)} · {plural(c.requests, "earlier request")}
          {c.requests > 0 && ` (${c.approved} approved, ${c.rejected} rejected)`} · {plural(c.refunds, "refund")}
          {c.refunds > 0 && ` (${formatMoney(c.refundedMinor, currency)})`}
        </p>
        {c.recentRequests.length + c.recentRefunds.length + c.recentPurchases.length > 0 && (
          <ul className="mt-2 space-y-1">
            {c.recentRequests.map((r) => (
              <li key={r.id} className={clsx(mutedClasses, "flex flex-wrap items-center gap-x-2 gap-y-1")}>
                <span className="tabular">{formatDate(r.at, org.timeZone)}</span>
                <span>Request “{r.reason.length > 60 ? `${r.reason.slice(0, 60)}…` : r.reason}”</span>
                <StatusBadge status={r.status} label={r.autoApproved ? "Approved automatically" : undefined} />
                {r.decisionReason && <span className="w-full break-words text-zinc-600 sm:w-auto dark:text-zinc-400">{r.decisionReason}</span>}
              </li>
            ))}
            {c.recentRefunds.map((r) => (
              <li key={r.id} className={clsx(mutedClasses, "flex flex-wrap items-center gap-x-2 gap-y-1")}>
                <span className="tabular">{formatDate(r.at, org.timeZone)}</span>
                <span className="tabular">Refund {formatMoney(r.amountMinor, r.currency)}</span>
                <StatusBadge status={r.status} label={refundStatusLabels[r.status]} />
              </li>
            ))}
            {c.recentPurchases.map((p) => (
              <li key={p.saleId} className={mutedClasses}>
                <span className="tabular">{formatDate(p.at, org.timeZone)}</span> Bought {p.product ?? "an unknown product"} ·{" "}
                <span className="tabular">{formatMoney(p.amountMinor, p.currency)}</span>
                {p.status === "failed" && <span className="text-red-600 dark:text-red-400"> · failed</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label={`The machine's log ${EVIDENCE_WINDOW_HOURS} hours either side`} className={sectionClasses}>
        <h3 className={headingClasses}>
          <ScrollText aria-hidden className="size-3.5" /> Machine, ±{EVIDENCE_WINDOW_HOURS} h
        </h3>
        <p className={lineClasses}>
          {plural(m.failedVends, "failed vend")} on {slotCode} · {plural(m.faults, "fault")}
          {m.soldOutAtTime === true && ` · ${slotCode} was sold out`}
          {m.soldOutAtTime === false && ` · ${slotCode} was in stock`}
          {m.stockDiscrepancies > 0 && ` · ${plural(m.stockDiscrepancies, "vend")} the stock count did not hold`}
        </p>
        {m.events.length > 0 && (
          <ol className="mt-2 space-y-1" aria-label="Machine events">
            {m.events.map((e) => (
              <li key={e.eventId} className={clsx(mutedClasses, "flex gap-2", e.thisPurchase && "font-medium text-zinc-900 dark:text-zinc-100")}>
                {clock(e.at)}
                <span className="min-w-0 break-words">
                  {eventText(e)}
                  {e.thisPurchase && " (this purchase)"}
                </span>
              </li>
            ))}
          </ol>
        )}
        {m.alerts.length > 0 && (
          <ul className="mt-2 space-y-1" aria-label="Alerts">
            {m.alerts.map((a) => (
              <li key={a.id} className={clsx(mutedClasses, "flex flex-wrap items-center gap-2")}>
                {clock(a.firstSeenAt)}
                <StatusBadge status={a.status} />
                <span className="min-w-0 break-words">Alert: {alertText(a)}</span>
              </li>
            ))}
          </ul>
        )}
        {m.events.length === 0 && m.alerts.length === 0 && <p className={clsx(mutedClasses, "mt-1")}>No failed vends, faults or alerts around the purchase.</p>}
      </section>
    </div>
  );
}
