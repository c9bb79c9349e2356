"use client";

import { NativeSelect } from "~/app/_components/ui/native-select";
import { salesComparisons, type SalesComparison } from "~/server/sales/contract";
import { compareLabels } from "./compare-labels";

/** What the totals and the chart are compared with; only a range with both ends can be compared. */
export function CompareSelect({ value, onChange, bounded }: { value: SalesComparison | null; onChange: (value: SalesComparison | null) => void; bounded: boolean }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-[13px] text-zinc-600 dark:text-zinc-400">
      <span>Compare with</span>
      <NativeSelect
        size="sm"
        value={bounded ? (value ?? "") : ""}
        disabled={!bounded}
        title={bounded ? undefined : "Choose a range with a first and a last day to compare it."}
        onChange={(e) => onChange((e.target.value || null) as SalesComparison | null)}
      >
        <option value="">Nothing</option>
        {salesComparisons.map((c) => (
          <option key={c} value={c}>
            {compareLabels[c]}
          </option>
        ))}
      </NativeSelect>
    </label>
  );
}
