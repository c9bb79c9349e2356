import clsx from "clsx";
import { FlaskConical } from "lucide-react";
import { useTranslations } from "next-intl";

/** Says plainly that payments here are a demo, so no one thinks they were charged. */
export function DemoPaymentsNote({ className }: { className?: string }) {
  const t = useTranslations("consumer");
  return (
    <p
      className={clsx(
        "flex items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-[13px] font-medium text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200",
        className,
      )}
    >
      <FlaskConical aria-hidden className="size-4 shrink-0" />
      {t("demoPayments")}
    </p>
  );
}
