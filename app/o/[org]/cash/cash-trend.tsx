"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Card } from "~/app/_components/ui/card";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { formatMoney } from "~/server/money";
import { addDays, formatDay } from "~/server/time";
import { TREND_WEEKS, trendInput } from "./cash-query";

const expectedBar = "bg-zinc-300 dark:bg-zinc-600";
const countedBar = "bg-brand-500/80 dark:bg-brand-500/70";

/**
 * Expected against counted per week over the last 12 weeks, as paired bars (plain elements, no
 * chart library); the figures are also in a table for screen readers.
 */
export function CashTrend() {
  const org = useOrg();
  const trpc = useTRPC();
  const input = trendInput(org.id, org.timeZone);
  const { data: rows } = useSuspenseQuery(trpc.cash.trend.queryOptions(input));
  const byWeek = new Map(rows.filter((r) => r.currency === org.currency).map((r) => [r.start, r]));
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => {
    const start = addDays(input.from, 7 * i);
    const r = byWeek.get(start);
    return { start, expected: r?.expectedMinor ?? 0, counted: r?.countedMinor ?? 0, collections: r?.collections ?? 0 };
  });
  const max = Math.max(0, ...weeks.flatMap((w) => [w.expected, w.counted]));
  const expected = weeks.reduce((n, w) => n + w.expected, 0);
  const counted = weeks.reduce((n, w) => n + w.counted, 0);
  const money = (minor: number) => formatMoney(minor, org.currency);
  const height = (minor: number) => ({ height: `${max > 0 ? (minor / max) * 100 : 0}%`, minHeight: minor > 0 ? 2 : 0 });
  return (
    <Card
      title="Expected and counted per week"
      description={`Collections of the last ${TREND_WEEKS} weeks by the week they were made (from Monday); hover a week for its figures.`}
      actions={
        <div aria-hidden className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
          <span className="inline-flex items-center gap-1.5">
            <span className={`size-2.5 rounded-sm ${expectedBar}`} /> Expected
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span className={`size-2.5 rounded-sm ${countedBar}`} /> Counted
          </span>
        </div>
      }
    >
      {max === 0 ? (
        <p className="py-8 text-center text-[13px] text-zinc-500 dark:text-zinc-400">No collections in these weeks yet. They appear here as machines report emptying their cash box or technicians count it.</p>
      ) : (
        <>
          <div role="img" aria-label={`Over ${TREND_WEEKS} weeks: ${money(expected)} expected, ${money(counted)} counted.`}>
            <div className="text-[11px] text-zinc-500 tabular dark:text-zinc-400">{formatMoney(max, org.currency, { compact: true })}</div>
            <div className="relative mt-1 flex h-40 items-end gap-2 border-b border-zinc-300 dark:border-zinc-700">
              <div aria-hidden className="absolute inset-x-0 top-0 border-t border-dashed border-zinc-200 dark:border-zinc-800" />
              {weeks.map((w) => (
                <div
                  key={w.start}
                  title={`Week of ${formatDay(w.start, true)}: ${money(w.expected)} expected, ${money(w.counted)} counted (${w.collections} ${w.collections === 1 ? "collection" : "collections"})`}
                  className="group flex h-full min-w-0 flex-1 items-end justify-center gap-px"
                >
                  <div className={`w-1/2 max-w-4 rounded-t-[2px] ${expectedBar} group-hover:opacity-80`} style={height(w.expected)} />
                  <div className={`w-1/2 max-w-4 rounded-t-[2px] ${countedBar} group-hover:opacity-80`} style={height(w.counted)} />
                </div>
              ))}
            </div>
            <div aria-hidden className="mt-1.5 flex justify-between text-[11px] text-zinc-500 tabular dark:text-zinc-400">
              <span>{formatDay(weeks[0]!.start)}</span>
              <span>{formatDay(weeks[Math.floor(TREND_WEEKS / 2)]!.start)}</span>
              <span>{formatDay(weeks.at(-1)!.start)}</span>
            </div>
          </div>
          <table className="sr-only">
            <caption>Expected and counted cash per week</caption>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col">Expected</th>
                <th scope="col">Counted</th>
                <th scope="col">Collections</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.start}>
                  <th scope="row">{formatDay(w.start, true)}</th>
                  <td>{money(w.expected)}</td>
                  <td>{money(w.counted)}</td>
                  <td>{w.collections}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
