"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { formatMonth } from "./format-month";

/** Chooses the month shown; the page reads it from `?month=`. */
export function MonthPicker({ months, value }: { months: string[]; value: string }) {
  const t = useTranslations("common.shell");
  const locale = useLocale();
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-[13px] text-zinc-600 dark:text-zinc-400">
      {t("month")}
      <NativeSelect size="sm" value={value} onChange={(e) => router.push(`?month=${e.target.value}`)}>
        {months.map((m) => (
          <option key={m} value={m}>
            {formatMonth(m, locale)}
          </option>
        ))}
      </NativeSelect>
    </label>
  );
}
