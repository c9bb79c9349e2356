/** One bar of a day chart: its share of the tallest, and what hovering it says. */
export interface DayBar {
  key: string;
  value: number;
  title: string;
}

/**
 * Values per day as bars (plain elements, no chart library), with the top of the scale and a few
 * day labels under the axis. `label` describes the chart to screen readers.
 */
export function DayBars({ bars, label, maxLabel, axis, height = "h-36" }: { bars: DayBar[]; label: string; maxLabel: string; axis: string[]; height?: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  return (
    <div role="img" aria-label={label}>
      <div className="flex text-[11px] text-zinc-500 tabular dark:text-zinc-400">
        <span>{maxLabel}</span>
      </div>
      <div className={`relative mt-1 flex ${height} items-end gap-px border-b border-zinc-300 dark:border-zinc-700`}>
        <div aria-hidden className="absolute inset-x-0 top-0 border-t border-dashed border-zinc-200 dark:border-zinc-800" />
        {bars.map((b) => (
          <div key={b.key} title={b.title} className="group relative flex h-full min-w-0 flex-1 items-end">
            <div
              className="w-full rounded-t-[2px] bg-brand-500/80 group-hover:bg-brand-600 dark:bg-brand-500/70 dark:group-hover:bg-brand-500"
              style={{ height: `${max > 0 ? (b.value / max) * 100 : 0}%`, minHeight: b.value > 0 ? 2 : 0 }}
            />
          </div>
        ))}
      </div>
      <div aria-hidden className="mt-1.5 flex justify-between text-[11px] text-zinc-500 tabular dark:text-zinc-400">
        {axis.map((text, i) => (
          <span key={`${text}-${i}`}>{text}</span>
        ))}
      </div>
    </div>
  );
}

/** Values as horizontal bars with their labels, largest first: a breakdown at a glance. */
export function ShareBars({ rows, label }: { rows: { key: string; label: string; value: number; text: string }[]; label: string }) {
  const max = Math.max(0, ...rows.map((r) => r.value));
  return (
    <ul aria-label={label} className="space-y-1.5">
      {rows.map((r) => (
        <li key={r.key} className="grid grid-cols-[minmax(0,10rem)_1fr_auto] items-center gap-2 text-[13px]">
          <span className="truncate text-zinc-700 dark:text-zinc-300" title={r.label}>
            {r.label}
          </span>
          <span aria-hidden className="h-2.5 rounded-sm bg-zinc-100 dark:bg-zinc-800">
            <span className="block h-full rounded-sm bg-brand-500/80 dark:bg-brand-500/70" style={{ width: `${max > 0 ? (r.value / max) * 100 : 0}%` }} />
          </span>
          <span className="text-right text-zinc-600 tabular dark:text-zinc-400">{r.text}</span>
        </li>
      ))}
    </ul>
  );
}
