"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { saleFlagLabels, type SaleFlag } from "~/server/audits/contract";
import { useFormat } from "~/app/_components/i18n/format";
import { formatAuditAmount, type AuditFull } from "../../audits/audit-format";

const th = "px-3 py-2 font-medium whitespace-nowrap";
const muted = "text-zinc-500 dark:text-zinc-400";

/**
 * Per selection, what sold between the previous read and this one, the slot it maps to, and what
 * telemetry recorded on that slot; vends the audit counted and telemetry did not are marked.
 */
export function AuditSalesTable({ audit }: { audit: AuditFull }) {
  const { decimals, currency } = audit;
  const t = useTranslations("machines.auditSales");
  const { locale } = useFormat();
  // Telemetry is per slot: selections sharing a slot share its recorded vends.
  const unitsBySlot = new Map<string, number>();
  for (const s of audit.sales) {
    if (s.slotCode !== null && s.units !== null && s.flag !== "reset") unitsBySlot.set(s.slotCode, (unitsBySlot.get(s.slotCode) ?? 0) + s.units);
  }
  const shared = (slot: string | null) => slot !== null && audit.sales.filter((s) => s.slotCode === slot).length > 1;
  return (
    <div tabIndex={0} role="region" aria-label={t("region")} className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500">
      <table className={tableClasses} aria-label={t("label")}>
        <thead className={theadClasses}>
          <tr>
            <th scope="col" className={th}>
              {t("selection")}
            </th>
            <th scope="col" className={th}>
              {t("slot")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("units")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("value")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("telemetry")}
            </th>
            <th scope="col" className={th}>
              {t("note")}
            </th>
          </tr>
        </thead>
        <tbody>
          {audit.sales.map((s) => {
            const slotUnits = s.slotCode !== null ? unitsBySlot.get(s.slotCode) : undefined;
            // Said once per slot, on its first selection.
            const firstOfSlot = audit.sales.find((x) => x.slotCode === s.slotCode) === s;
            const missed = firstOfSlot && s.recordedUnits !== null && slotUnits !== undefined && s.flag !== "reset" ? slotUnits - s.recordedUnits : null;
            return (
              <tr key={s.selection} className={clsx(rowClasses, s.slotCode === null && "bg-amber-50/60 dark:bg-amber-500/5")}>
                <td className={clsx(cellClasses, "font-mono text-xs")}>{s.selection || <span className={muted}>{t("noNumber")}</span>}</td>
                <td className={clsx(cellClasses, "whitespace-nowrap")}>
                  {s.slotCode ?? <span className="font-medium text-amber-700 dark:text-amber-300">{t("notMapped")}</span>}
                </td>
                <td className={clsx(cellClasses, "tabular text-right")}>{s.units ?? <span className={muted}>—</span>}</td>
                <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>
                  {s.valueMinor === null ? <span className={muted}>—</span> : formatAuditAmount(s.valueMinor, decimals, currency, locale)}
                </td>
                <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>
                  {s.recordedUnits === null ? (
                    <span className={muted} title={t("noTelemetry")}>
                      —
                    </span>
                  ) : (
                    <>
                      {s.recordedUnits}
                      {shared(s.slotCode) && <span className="block text-[11px] text-zinc-500">{t("shared", { slot: s.slotCode ?? "" })}</span>}
                      {missed !== null && missed > 0 && (
                        <span className="ml-1.5 rounded bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-700 ring-1 ring-red-600/20 ring-inset dark:bg-red-500/10 dark:text-red-300">
                          {t("missed", { count: missed })}
                        </span>
                      )}
                    </>
                  )}
                </td>
                <td className={clsx(cellClasses, "min-w-40 text-xs text-zinc-600 dark:text-zinc-400")}>
                  {s.flag ? (Object.hasOwn(saleFlagLabels, s.flag) ? t(`flags.${s.flag as SaleFlag}`) : s.flag) : ""}
                </td>
              </tr>
            );
          })}
          {audit.sales.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-4 text-center text-[13px] text-zinc-500">
                {t("noSelections")}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The file's since-initialisation counters per selection (PA1 and PA2). */
export function AuditCountersTable({ audit }: { audit: AuditFull }) {
  const { decimals, currency } = audit;
  const t = useTranslations("machines.auditSales");
  const { locale } = useFormat();
  return (
    <div tabIndex={0} role="region" aria-label={t("countersRegion")} className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500">
      <table className={tableClasses} aria-label={t("counters")}>
        <thead className={theadClasses}>
          <tr>
            <th scope="col" className={th}>
              {t("selection")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("price")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("paidVends")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("paidValue")}
            </th>
          </tr>
        </thead>
        <tbody>
          {audit.selections.map((s, i) => (
            <tr key={`${s.selection ?? ""}-${i}`} className={rowClasses}>
              <td className={clsx(cellClasses, "font-mono text-xs")}>{s.selection ?? <span className={muted}>{t("noNumber")}</span>}</td>
              <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>{formatAuditAmount(s.priceMinor, decimals, currency, locale)}</td>
              <td className={clsx(cellClasses, "tabular text-right")}>{s.paidCount ?? <span className={muted}>—</span>}</td>
              <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>{formatAuditAmount(s.paidValueMinor, decimals, currency, locale)}</td>
            </tr>
          ))}
          {audit.selections.length === 0 && (
            <tr>
              <td colSpan={4} className="px-3 py-4 text-center text-[13px] text-zinc-500">
                {t("noSelections")}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
