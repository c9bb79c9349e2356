import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useFormat } from "../i18n/format";

/** An amount, or a dash where there is none (a collection from before expected cash was computed). */
export function Money({ minor, currency }: { minor: number | null; currency: string }) {
  const f = useFormat();
  return <>{minor === null ? "—" : f.money(minor, currency)}</>;
}

/** The colour of a variance: short is red, over is amber, even is calm. */
export function varianceTone(minor: number | null): string {
  if (minor === null || minor === 0) return "text-zinc-500 dark:text-zinc-400";
  return minor < 0 ? "text-red-600 dark:text-red-400" : "text-amber-700 dark:text-amber-300";
}

/** A variance with its sign and its words ("short", "over") for screen readers and at a glance. */
export function Variance({ minor, currency, className }: { minor: number | null; currency: string; className?: string }) {
  const t = useTranslations("common.ui.variance");
  const f = useFormat();
  if (minor === null) return <span className={clsx("text-zinc-500", className)}>—</span>;
  const text = minor === 0 ? f.money(0, currency) : `${minor > 0 ? "+" : "−"}${f.money(Math.abs(minor), currency)}`;
  return (
    <span className={clsx("tabular font-medium", varianceTone(minor), className)}>
      {text}
      <span className="sr-only"> {t(minor < 0 ? "short" : minor > 0 ? "over" : "even")}</span>
    </span>
  );
}
