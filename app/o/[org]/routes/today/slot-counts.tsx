"use client";

import { Minus, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import type { FieldErrors } from "~/server/errors";

export interface CountedSlot {
  code: string;
  productName: string | null;
  capacity: number;
  /** What the slot held before: the stock, or the count being corrected. */
  was: number;
  wasLabel: string;
}

/** The counts per slot, with one-less and one-more buttons sized for a thumb. */
export function SlotCounts({
  idPrefix,
  slots,
  counts,
  onChange,
  errors,
}: {
  idPrefix: string;
  slots: CountedSlot[];
  counts: Record<string, string>;
  onChange: (next: (counts: Record<string, string>) => Record<string, string>) => void;
  errors: FieldErrors;
}) {
  const t = useTranslations("routes.counts");
  const step = (code: string, by: number, capacity: number) =>
    onChange((c) => ({ ...c, [code]: String(Math.max(0, Math.min(capacity, (Number(c[code]) || 0) + by))) }));
  return (
    <ul className="space-y-2">
      {slots.map((s, i) => {
        const id = `${idPrefix}-${s.code}`;
        const error = errors[`counts.${i}.quantity`];
        return (
          <li key={s.code}>
            <div className="flex items-center gap-2">
              <label htmlFor={id} className="min-w-0 flex-1 text-sm">
                <span className="font-mono text-xs text-zinc-500">{s.code}</span> {s.productName ?? t("emptySlot")}
                <span className="block text-xs text-zinc-500">
                  {t("was", { label: s.wasLabel, was: s.was, capacity: s.capacity })}
                </span>
              </label>
              <Button type="button" size="lg" className="w-11 px-0" aria-label={t("oneLess", { slot: s.code })} onClick={() => step(s.code, -1, s.capacity)}>
                <Minus aria-hidden />
              </Button>
              <input
                id={id}
                name={s.code}
                inputMode="numeric"
                pattern="[0-9]*"
                value={counts[s.code] ?? ""}
                onChange={(e) => onChange((c) => ({ ...c, [s.code]: e.target.value.replace(/\D/g, "") }))}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                className="h-11 w-16 rounded-md border border-zinc-300 bg-white text-center text-base tabular aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900"
              />
              <Button type="button" size="lg" className="w-11 px-0" aria-label={t("oneMore", { slot: s.code })} onClick={() => step(s.code, 1, s.capacity)}>
                <Plus aria-hidden />
              </Button>
            </div>
            {error && (
              <p id={`${id}-error`} className="mt-1 text-[13px] text-red-600 dark:text-red-400">
                {error[0]}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
