import clsx from "clsx";
import { useTranslations } from "next-intl";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { qualityCodes, type QualityCode } from "~/server/audits/contract";
import { crcStates } from "./audit-format";

/** The file's CRC check (G85): ok, mismatch or not given. */
export function CrcBadge({ crc }: { crc: string }) {
  const t = useTranslations("audits.crc");
  const known = Object.hasOwn(crcStates, crc) ? (crc as keyof typeof crcStates) : null;
  return <StatusBadge status={known ? crcStates[known] : "disabled"} label={known ? t(known) : crc} />;
}

/** How many quality notes an audit has: "2 notes" in amber, or a quiet "none". */
export function NotesCount({ count }: { count: number }) {
  const t = useTranslations("audits.notes");
  if (count === 0) return <span className="whitespace-nowrap text-zinc-500 dark:text-zinc-400">{t("none")}</span>;
  return <span className="tabular font-medium whitespace-nowrap text-amber-700 dark:text-amber-300">{t("count", { count })}</span>;
}

/** A quality code's name; a code this version does not know is shown as stored. */
export function useQualityLabel(): (code: string) => string {
  const t = useTranslations("audits.quality");
  return (code) => (Object.hasOwn(qualityCodes, code) ? t(code as QualityCode) : code);
}

/** One quality code as a chip, with how often it occurred. */
export function QualityChip({ code, count, className }: { code: string; count?: number; className?: string }) {
  const qualityLabel = useQualityLabel();
  return (
    <span
      title={code}
      className={clsx(
        "inline-flex items-center gap-1.5 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-600/20 ring-inset dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-500/25",
        className,
      )}
    >
      {qualityLabel(code)}
      {count !== undefined && <span className="tabular rounded-full bg-amber-100 px-1.5 text-[11px] dark:bg-amber-500/20">{count}</span>}
    </span>
  );
}
