import clsx from "clsx";
import { useTranslations } from "next-intl";

export type LevelTone = "empty" | "low" | "ok" | "none";

/** How full a slot is, in the product's colours: red when empty, amber at or below par, green above. */
export function stockTone(stock: number, par: number): LevelTone {
  if (stock <= 0) return "empty";
  if (stock <= par) return "low";
  return "ok";
}

const fills: Record<LevelTone, string> = {
  empty: "bg-red-500",
  low: "bg-amber-500",
  ok: "bg-emerald-500",
  none: "bg-zinc-400",
};

/**
 * A small horizontal level (stock of a slot, fill of a machine) with an optional marker, e.g. the
 * par level. Announced as a meter with its label.
 */
export function LevelBar({
  value,
  max,
  marker,
  tone,
  label,
  className,
}: {
  value: number;
  max: number;
  marker?: number;
  tone: LevelTone;
  label: string;
  /** Sets the width too (full width without one). */
  className?: string;
}) {
  const t = useTranslations("common.ui");
  const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const markerShare = marker !== undefined && max > 0 ? Math.min(1, Math.max(0, marker / max)) : null;
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      className={clsx("relative h-1.5 overflow-visible rounded-full bg-zinc-200 dark:bg-zinc-700/70", className ?? "w-full")}
    >
      <div className={clsx("h-full rounded-full", fills[tone])} style={{ width: `${share * 100}%` }} />
      {markerShare !== null && (
        <div
          aria-hidden
          title={t("parLevel")}
          className="absolute -top-0.5 h-2.5 w-0.5 -translate-x-1/2 rounded-full bg-zinc-700 dark:bg-zinc-200"
          style={{ left: `${markerShare * 100}%` }}
        />
      )}
    </div>
  );
}
