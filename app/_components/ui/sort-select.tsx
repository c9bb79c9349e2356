"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "./button";
import { NativeSelect } from "./native-select";
import type { SortDirection } from "./sort-header";

/**
 * The sort of a table on a phone, where its column headers are not shown: the column to sort by
 * and a button that reverses the order. The page decides the direction a new column starts in.
 */
export function SortSelect<K extends string>({
  options,
  sort,
  direction,
  onSortBy,
  onReverse,
}: {
  options: readonly { key: K; label: string }[];
  sort: K;
  direction: SortDirection;
  onSortBy: (key: K) => void;
  onReverse: () => void;
}) {
  const t = useTranslations("common.ui.sort");
  return (
    <div className="flex w-full items-center gap-2 sm:hidden">
      <NativeSelect aria-label={t("sortBy")} value={sort} onChange={(e) => onSortBy(e.target.value as K)} className="min-w-0 flex-1 [&_select]:h-11">
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {t("sortByColumn", { column: o.label.toLowerCase() })}
          </option>
        ))}
      </NativeSelect>
      <Button size="lg" className="w-11 px-0" onClick={onReverse} aria-label={t("reverse", { direction })} title={t("sorted", { direction })}>
        {direction === "asc" ? <ArrowUp aria-hidden /> : <ArrowDown aria-hidden />}
      </Button>
    </div>
  );
}
