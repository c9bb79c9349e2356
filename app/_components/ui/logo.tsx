import clsx from "clsx";
import { useTranslations } from "next-intl";

/** The VendOps mark: a vending machine front (window, keypad, tray) and the word mark. */
export function Logo({ className, withWord = true }: { className?: string; withWord?: boolean }) {
  const t = useTranslations("common");
  return (
    <span className={clsx("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <svg viewBox="0 0 24 24" aria-hidden className="size-6 shrink-0">
        <rect x="3" y="1.5" width="18" height="21" rx="4" className="fill-brand-600 dark:fill-brand-500" />
        <rect x="6" y="4.5" width="8" height="11" rx="1.5" className="fill-white/90" />
        <rect x="15.5" y="4.5" width="2.5" height="2" rx="0.6" className="fill-white/80" />
        <rect x="15.5" y="7.75" width="2.5" height="2" rx="0.6" className="fill-white/60" />
        <rect x="6" y="17.5" width="12" height="2.5" rx="1" className="fill-white/70" />
      </svg>
      {withWord && <span>{t("brand")}</span>}
    </span>
  );
}
