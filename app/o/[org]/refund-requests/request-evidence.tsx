"use client";

import clsx from "clsx";
import { CircleAlert, History, ScrollText } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { useRefundLabels } from "~/app/_components/labels/refund-labels";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { alertText } from "~/server/alerts/contract";
import { EVIDENCE_WINDOW_HOURS, type RequestEvidence } from "~/server/consumers/contract";

type MachineEvent = RequestEvidence["machine"]["events"][number];
type Words = ReturnType<typeof useTranslations<"refundRequests.evidence">>;

const failures = ["dispense_failed", "jammed", "sold_out", "timeout", "other"] as const;

function eventText(e: MachineEvent, t: Words): string {
  if (e.type === "vend.failed") {
    const slot = e.slot ?? "?";
    if (!e.reason) return t("failedVendEvent", { slot });
    const known = (failures as readonly string[]).includes(e.reason) ? t(`failure.${e.reason as (typeof failures)[number]}`) : e.reason;
    return t("failedVendEventReason", { slot, reason: known });
  }
  if (e.type === "machine.fault_cleared") return t("faultCleared", { code: e.code ?? "" });
  return e.message ? t("faultMessage", { code: e.code ?? "", message: e.message }) : t("fault", { code: e.code ?? "" });
}

const sectionClasses = "min-w-0 rounded-md border border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-950/40";
const headingClasses = "mb-1.5 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400";
const lineClasses = "text-[13px] text-zinc-700 dark:text-zinc-300";
const mutedClasses = "text-xs text-zinc-500 dark:text-zinc-400";

/** Beside a pending request: the consumer's past with the operator and the machine's log around the purchase. */
export function RequestEvidenceView({ evidence, slotCode, currency, label }: { evidence: RequestEvidence; slotCode: string; currency: string; label: string }) {
  const org = useOrg();
  const t = useTranslations("refundRequests.evidence");
  const locale = useLocale();
  const f = useFormat();
  const refundLabels = useRefundLabels();
  const { consumer: c, machine: m } = evidence;
  const hours = EVIDENCE_WINDOW_HOURS;
  const clock = (at: Date) => (
    <time dateTime={at.toISOString()} title={f.dateTime(at, org.timeZone)} className="tabular">
      {f.clock(at, org.timeZone)}
    </time>
  );
  return (
    <div className="grid gap-3 lg:grid-cols-2" aria-label={t("label", { label })} role="group">
      {evidence.failedVendAt && (
        <p role="note" className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-[13px] text-red-800 lg:col-span-2 dark:bg-red-500/10 dark:text-red-300">
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>{t.rich("failedVend", { date: f.date(evidence.failedVendAt, org.timeZone), clock: () => clock(evidence.failedVendAt!) })}</span>
        </p>
      )}
      <section aria-label={t("consumerLabel")} className={sectionClasses}>
        <h3 className={headingClasses}>
          <History aria-hidden className="size-3.5" /> {t("consumer")}
        </h3>
        <p className={lineClasses}>
          {t("purchases", { count: c.purchases })}
          {c.failedPurchases > 0 && t("failedPurchases", { count: c.failedPurchases })}
          {t("spent", { amount: f.money(c.spentMinor, currency) })}
          {t("requests", { count: c.requests })}
          {c.requests > 0 && t("requestOutcomes", { approved: c.approved, rejected: c.rejected })}
          {t("refunds", { count: c.refunds })}
          {c.refunds > 0 && t("refundedAmount", { amount: f.money(c.refundedMinor, currency) })}
        </p>
        {c.recentRequests.length + c.recentRefunds.length + c.recentPurchases.length > 0 && (
          <ul className="mt-2 space-y-1">
            {c.recentRequests.map((r) => (
              <li key={r.id} className={clsx(mutedClasses, "flex flex-wrap items-center gap-x-2 gap-y-1")}>
                <span className="tabular">{f.date(r.at, org.timeZone)}</span>
                <span>{t("request", { reason: r.reason.length > 60 ? `${r.reason.slice(0, 60)}…` : r.reason })}</span>
                <StatusBadge status={r.status} label={r.autoApproved ? t("autoApproved") : undefined} />
                {r.decisionReason && <span className="w-full break-words text-zinc-600 sm:w-auto dark:text-zinc-400">{r.decisionReason}</span>}
              </li>
            ))}
            {c.recentRefunds.map((r) => (
              <li key={r.id} className={clsx(mutedClasses, "flex flex-wrap items-center gap-x-2 gap-y-1")}>
                <span className="tabular">{f.date(r.at, org.timeZone)}</span>
                <span className="tabular">{t("refund", { amount: f.money(r.amountMinor, r.currency) })}</span>
                <StatusBadge status={r.status} label={refundLabels.status(r.status)} />
              </li>
            ))}
            {c.recentPurchases.map((p) => (
              <li key={p.saleId} className={mutedClasses}>
                <span className="tabular">{f.date(p.at, org.timeZone)}</span>
                {t("bought", { product: p.product ?? t("unknownProduct") })}
                <span className="tabular">{f.money(p.amountMinor, p.currency)}</span>
                {p.status === "failed" && <span className="text-red-600 dark:text-red-400">{t("failed")}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label={t("machineLabel", { hours })} className={sectionClasses}>
        <h3 className={headingClasses}>
          <ScrollText aria-hidden className="size-3.5" /> {t("machine", { hours })}
        </h3>
        <p className={lineClasses}>
          {t("failedVends", { count: m.failedVends, slot: slotCode })}
          {t("faults", { count: m.faults })}
          {m.soldOutAtTime === true && t("soldOut", { slot: slotCode })}
          {m.soldOutAtTime === false && t("inStock", { slot: slotCode })}
          {m.stockDiscrepancies > 0 && t("stockDiscrepancies", { count: m.stockDiscrepancies })}
        </p>
        {m.events.length > 0 && (
          <ol className="mt-2 space-y-1" aria-label={t("events")}>
            {m.events.map((e) => (
              <li key={e.eventId} className={clsx(mutedClasses, "flex gap-2", e.thisPurchase && "font-medium text-zinc-900 dark:text-zinc-100")}>
                {clock(e.at)}
                <span className="min-w-0 break-words">
                  {eventText(e, t)}
                  {e.thisPurchase && t("thisPurchase")}
                </span>
              </li>
            ))}
          </ol>
        )}
        {m.alerts.length > 0 && (
          <ul className="mt-2 space-y-1" aria-label={t("alerts")}>
            {m.alerts.map((a) => (
              <li key={a.id} className={clsx(mutedClasses, "flex flex-wrap items-center gap-2")}>
                {clock(a.firstSeenAt)}
                <StatusBadge status={a.status} />
                <span className="min-w-0 break-words">{t("alert", { text: alertText(a, locale) })}</span>
              </li>
            ))}
          </ul>
        )}
        {m.events.length === 0 && m.alerts.length === 0 && <p className={clsx(mutedClasses, "mt-1")}>{t("none")}</p>}
      </section>
    </div>
  );
}
