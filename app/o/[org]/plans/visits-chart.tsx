import { Card } from "~/app/_components/ui/card";
import { formatDayColumn, formatPlanDay } from "./plan-format";

/** Planned visits per day over the horizon, as bars (plain elements, like the sales chart). */
export function VisitsChart({ byDay, today }: { byDay: { date: string; visits: number }[]; today: string }) {
  const max = Math.max(1, ...byDay.map((d) => d.visits));
  const summary = `Planned visits: ${byDay.map((d) => `${formatPlanDay(d.date, today)} ${d.visits}`).join(", ")}.`;
  return (
    <Card title="Visits per day" description="Planned machine visits over the next seven days.">
      <div role="img" aria-label={summary}>
        <div className="flex h-28 items-end gap-2 border-b border-zinc-300 dark:border-zinc-700">
          {byDay.map((d) => (
            <div key={d.date} title={`${formatPlanDay(d.date, today)}: ${d.visits} visits`} className="flex h-full flex-1 flex-col items-center justify-end gap-1">
              <span className="text-[11px] text-zinc-500 tabular">{d.visits}</span>
              <div className="w-full max-w-12 rounded-t-[2px] bg-brand-500/80 dark:bg-brand-500/70" style={{ height: `${(d.visits / max) * 80}%`, minHeight: d.visits > 0 ? 2 : 0 }} />
            </div>
          ))}
        </div>
        <div aria-hidden className="mt-1.5 flex gap-2 text-[11px] text-zinc-500 tabular">
          {byDay.map((d) => (
            <span key={d.date} className="flex-1 text-center">
              {d.date === today ? "Today" : formatDayColumn(d.date)}
            </span>
          ))}
        </div>
      </div>
    </Card>
  );
}
