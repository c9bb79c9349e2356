import { ArrowDown, BellRing, ClipboardList, Cpu, RotateCcw, ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";

const outcomes = [
  { icon: RotateCcw, key: "refund" },
  { icon: BellRing, key: "alert" },
  { icon: ClipboardList, key: "plan" },
] as const;

/** How VendOps works, as a picture: a machine's event in, verified, and what comes out of it. */
export function FlowDiagram() {
  const t = useTranslations("home.flow");
  return (
    <figure aria-label={t("label")} className="rounded-2xl border border-zinc-200 bg-zinc-50 p-5 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900/50">
      <div className="flex items-center gap-3 rounded-lg border border-zinc-200 bg-white p-3 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
        <span className="flex size-9 items-center justify-center rounded-md bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
          <Cpu aria-hidden className="size-5" />
        </span>
        <div className="min-w-0">
          <p className="text-sm font-medium">{t("reports")}</p>
          <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{t("signed")}</p>
        </div>
      </div>
      <ArrowDown aria-hidden className="mx-auto my-2 size-4 text-zinc-500" />
      <div className="flex items-center gap-3 rounded-lg border border-brand-500/30 bg-brand-50 p-3 dark:border-brand-500/30 dark:bg-brand-500/10">
        <span className="flex size-9 items-center justify-center rounded-md bg-brand-600 text-white dark:bg-brand-500">
          <ShieldCheck aria-hidden className="size-5" />
        </span>
        <div>
          <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{t("verifies")}</p>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t("checked")}</p>
        </div>
      </div>
      <ArrowDown aria-hidden className="mx-auto my-2 size-4 text-zinc-500" />
      <ul className="grid gap-2 sm:grid-cols-3">
        {outcomes.map(({ icon: Icon, key }) => (
          <li key={key} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
            <Icon aria-hidden className="size-4 text-brand-600 dark:text-brand-500" />
            <p className="mt-2 text-sm font-medium">{t(`${key}.title`)}</p>
            <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{t(`${key}.body`)}</p>
          </li>
        ))}
      </ul>
      <figcaption className="sr-only">
        {t("caption")}
      </figcaption>
    </figure>
  );
}
