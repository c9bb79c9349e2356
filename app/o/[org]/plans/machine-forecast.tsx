"use client";

import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { formatPercent } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";

type Fill = RouterOutputs["plans"]["get"]["machines"][number]["fills"][number];

const days = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

/** One machine's slots: tomorrow's demand with its 80% band, days to empty, sell-out chance, fill. */
export function MachineForecast({ machineId, fills }: { machineId: string; fills: Fill[] }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery(trpc.plans.machine.queryOptions({ orgId: org.id, machineId }));
  if (isPending) return <p className="text-zinc-500">Loading the forecast…</p>;
  if (error) return <p className="text-red-600">The forecast could not be loaded. Try again.</p>;
  const fillOf = new Map(fills.map((f) => [f.code, f]));
  return (
    <table className="w-full text-left text-[13px]">
      <caption className="sr-only">Slot forecasts</caption>
      <thead className="text-xs text-zinc-500">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">Slot</th>
          <th scope="col" className="py-1 pr-3 text-right font-medium">Stock</th>
          <th scope="col" className="py-1 pr-3 text-right font-medium">Tomorrow (80% band)</th>
          <th scope="col" className="py-1 pr-3 text-right font-medium">Days to empty</th>
          <th scope="col" className="py-1 pr-3 text-right font-medium">Sells out before next visit</th>
          <th scope="col" className="py-1 text-right font-medium">Fill</th>
        </tr>
      </thead>
      <tbody>
        {data.slots.map((s) => {
          const fill = fillOf.get(s.code);
          return (
            <tr key={s.code} className="border-t border-zinc-200/70 dark:border-zinc-800">
              <td className="py-1 pr-3">
                <span className="font-mono text-xs text-zinc-500">{s.code}</span> {s.productName ?? <span className="text-zinc-500">Empty slot</span>}
                {s.censoredDays > 0 && <span className="ml-1 text-xs text-zinc-500" title="Days the slot was sold out most of the day are left out of the forecast">({s.censoredDays} sold-out days left out)</span>}
              </td>
              <td className="py-1 pr-3 text-right tabular">
                {s.stock}/{s.capacity}
              </td>
              <td className="py-1 pr-3 text-right tabular">{s.tomorrow ? `${days.format(s.tomorrow.expected)} (${s.tomorrow.low}–${s.tomorrow.high})` : "—"}</td>
              <td className="py-1 pr-3 text-right tabular">{s.daysToEmpty === null ? (s.tomorrow ? "7+" : "—") : days.format(s.daysToEmpty)}</td>
              <td className={clsx("py-1 pr-3 text-right tabular", (s.selloutProbability ?? 0) >= 0.5 && "font-medium text-red-600 dark:text-red-400")}>
                {s.selloutProbability === null ? "—" : formatPercent(s.selloutProbability, 0)}
              </td>
              <td className="py-1 text-right tabular">{fill ? `+${fill.quantity} → ${fill.target}` : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
