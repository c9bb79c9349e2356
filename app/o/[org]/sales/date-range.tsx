"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { controlClasses } from "~/app/_components/ui/field";
import { useOrg } from "~/app/_components/org/org-context";
import { localDay } from "~/server/time";
import { presetIds, presetOf, presetRange } from "./date-presets";

/** The date range: presets (Today, Last 7 days...) and a custom first and last day. */
export function DateRange({ from, to, onChange }: { from?: string; to?: string; onChange: (range: { from?: string; to?: string }) => void }) {
  const t = useTranslations("sales");
  const org = useOrg();
  const today = localDay(new Date(), org.timeZone);
  const active = presetOf({ from, to }, today);
  const dateClasses = clsx(controlClasses, "h-8 w-36 px-2 text-[13px] tabular");
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label={t("range.label")} className="inline-flex max-w-full overflow-x-auto rounded-md border border-zinc-300 bg-white p-0.5 shadow-xs dark:border-zinc-700 dark:bg-zinc-900">
        {presetIds.map((id) => (
          <button
            key={id}
            type="button"
            aria-pressed={active === id}
            onClick={() => onChange({ from: undefined, to: undefined, ...presetRange(id, today) })}
            className={clsx(
              "h-7 rounded px-2.5 text-[13px] font-medium whitespace-nowrap",
              active === id
                ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
            )}
          >
            <span className="sm:hidden">{t(`presetsShort.${id}`)}</span>
            <span className="hidden sm:inline">{t(`presets.${id}`)}</span>
          </button>
        ))}
      </div>
      <div className="flex items-center gap-1.5 text-[13px] text-zinc-500 dark:text-zinc-400">
        <input
          type="date"
          aria-label={t("range.from")}
          value={from ?? ""}
          max={to ?? today}
          onChange={(e) => onChange({ from: e.target.value || undefined })}
          className={dateClasses}
        />
        <span aria-hidden>–</span>
        <input
          type="date"
          aria-label={t("range.to")}
          value={to ?? ""}
          min={from}
          onChange={(e) => onChange({ to: e.target.value || undefined })}
          className={dateClasses}
        />
      </div>
    </div>
  );
}
