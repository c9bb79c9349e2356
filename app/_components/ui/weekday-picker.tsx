"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useId } from "react";

const DAYS = ["0", "1", "2", "3", "4", "5", "6"] as const;

export interface WeekdayPickerProps {
  legend: React.ReactNode;
  /** Ticked weekdays, 0 = Monday .. 6 = Sunday. */
  value: readonly number[];
  onChange: (days: number[]) => void;
  hint?: React.ReactNode;
  errors?: string[];
  disabled?: boolean;
}

/** A row of weekday toggles (checkboxes in a fieldset), Monday first. */
export function WeekdayPicker({ legend, value, onChange, hint, errors, disabled }: WeekdayPickerProps) {
  const t = useTranslations("common.ui.weekdays");
  const id = useId();
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy} aria-invalid={invalid || undefined} disabled={disabled} className="space-y-1.5">
      <legend className="text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{legend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {DAYS.map((key, day) => {
          const name = t(`long.${key}`);
          const checked = value.includes(day);
          return (
            <label
              key={name}
              className={clsx(
                "inline-flex h-8 cursor-pointer items-center rounded-md border px-2.5 text-[13px] select-none has-[:focus-visible]:ring-3 has-[:focus-visible]:ring-brand-500/30",
                checked
                  ? "border-brand-500 bg-brand-50 font-medium text-brand-700 dark:bg-brand-500/10 dark:text-brand-400"
                  : "border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400",
                invalid && "border-red-500",
              )}
            >
              <input
                type="checkbox"
                className="sr-only"
                checked={checked}
                aria-label={name}
                onChange={(e) => onChange(e.target.checked ? [...value, day].sort((a, b) => a - b) : value.filter((d) => d !== day))}
              />
              <span aria-hidden>{t(`short.${key}`)}</span>
            </label>
          );
        })}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <div id={`${id}-error`} aria-live="polite">
        {errors?.map((message) => (
          <p key={message} className="text-[13px] text-red-600 dark:text-red-400">
            {message}
          </p>
        ))}
      </div>
    </fieldset>
  );
}
