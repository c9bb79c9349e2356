"use client";

import { useTranslations } from "next-intl";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { salesComparisons, type SalesComparison } from "~/server/sales/contract";

/** What the totals and the chart are compared with; only a range with both ends can be compared. */
export function CompareSelect({ value, onChange, bounded }: { value: SalesComparison | null; onChange: (value: SalesComparison | null) => void; bounded: boolean }) {
  const t = useTranslations("sales.compare");
  return (
    <label className="inline-flex items-center gap-1.5 text-[13px] text-zinc-600 dark:text-zinc-400">
      <span>{t("label")}</span>
      <NativeSelect
        size="sm"
        value={bounded ? (value ?? "") : ""}
        disabled={!bounded}
        title={bounded ? undefined : t("needsRange")}
        onChange={(e) => onChange((e.target.value || null) as SalesComparison | null)}
      >
        <option value="">{t("nothing")}</option>
        {salesComparisons.map((c) => (
          <option key={c} value={c}>
            {t(c)}
          </option>
        ))}
      </NativeSelect>
    </label>
  );
}
