"use client";

import { Info, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";

/** Back from the payment page without paying: say nothing was charged, until dismissed. */
export function CanceledNote() {
  const t = useTranslations("consumer.machine");
  const [open, setOpen] = useState(true);
  if (!open) return null;
  return (
    <div role="status" className="flex items-start gap-2 rounded-md border border-sky-200 bg-sky-50 py-2 pr-1 pl-3 text-sm text-sky-900 dark:border-sky-900/60 dark:bg-sky-950/40 dark:text-sky-100">
      <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p className="flex-1">{t("canceled")}</p>
      <button
        type="button"
        onClick={() => setOpen(false)}
        aria-label={t("dismiss")}
        className="-my-1 flex size-9 shrink-0 items-center justify-center rounded-md hover:bg-sky-100 dark:hover:bg-sky-900/50"
      >
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}
