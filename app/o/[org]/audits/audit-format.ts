// How audit figures read on pages. An audit counts money in its own file's decimal point (ID4) and
// currency, which need not be the org's: values are shown with the file's precision and code.
import { useTranslations } from "next-intl";
import type { RouterOutputs } from "~/app/_trpc/types";
import { intlLocale, type Locale } from "~/server/i18n/locales";

export type AuditListItem = RouterOutputs["audits"]["list"]["items"][number];
export type AuditFull = RouterOutputs["audits"]["get"];
export type AuditSaleRow = AuditFull["sales"][number];

const formats = new Map<string, Intl.NumberFormat>();

/** "114.00 EUR" from 11400 at 2 decimals; "—" when the file gave no value. */
export function formatAuditAmount(minor: number | null, decimals: number, currency: string | null, locale?: Locale): string {
  if (minor === null) return "—";
  const digits = Math.max(0, Math.min(6, decimals));
  const key = `${intlLocale(locale)}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(key, format);
  }
  const text = format.format(minor / 10 ** digits);
  return currency ? `${text} ${currency}` : text;
}

/** How an audit arrived, in words ("Sent by the machine"). */
export function useAuditSourceLabel(): (source: AuditListItem["source"]) => string {
  const t = useTranslations("audits.source");
  return (source) => t(source);
}

/** The CRC check as a state the status badge colours: fine, wrong, or not given; named by `audits.crc.<state>`. */
export const crcStates = {
  ok: "succeeded",
  mismatch: "failed",
  absent: "disabled",
} as const satisfies Record<string, string>;

/** Vends the audit counted on a slot that telemetry did not report, per slot (several selections may share one). */
export function missedBySlot(rows: { slotCode: string | null; units: number | null; recordedUnits: number | null; flag: string | null }[]) {
  const slots = new Map<string, { units: number; recorded: number }>();
  for (const r of rows) {
    if (r.slotCode === null || r.units === null || r.recordedUnits === null || r.flag === "reset") continue;
    const slot = slots.get(r.slotCode) ?? { units: 0, recorded: r.recordedUnits };
    slot.units += r.units;
    slots.set(r.slotCode, slot);
  }
  return [...slots.entries()]
    .map(([slot, s]) => ({ slot, missed: s.units - s.recorded }))
    .filter((s) => s.missed > 0)
    .sort((a, b) => b.missed - a.missed || a.slot.localeCompare(b.slot));
}

/** "Telemetry missed 4 vends on A3 since the last audit." */
export function useMissedSentence(): (m: { slot: string; missed: number }) => string {
  const t = useTranslations("audits");
  return (m) => t("missed", { count: m.missed, slot: m.slot });
}

/** Whether an audit has something to look at: quality notes, a bad CRC, missed vends, unmapped or flagged selections. */
export function hasFindings(a: Pick<AuditListItem, "quality" | "crc" | "missedVends" | "unmappedSelections" | "flaggedSelections">): boolean {
  return a.quality.length > 0 || a.crc === "mismatch" || a.missedVends > 0 || a.unmappedSelections > 0 || a.flaggedSelections > 0;
}

/** "3.2 KB" */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
