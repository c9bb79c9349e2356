"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { formatCount, formatPercent } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { Stat } from "~/app/_components/ui/stat";
import { useTRPC } from "~/app/_trpc/client";
import { formatMoney } from "~/server/money";
import type { SalesQuery } from "./sales-query";

const sub = "mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400";

/** Vends, revenue, average ticket, margin and failed vends for the filter (per currency when mixed). */
export function SalesTotals({ query }: { query: SalesQuery }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: rows } = useSuspenseQuery(trpc.sales.totals.queryOptions({ orgId: org.id, ...query }));
  // The org's currency first; others only appear if machines reported them.
  const byCurrency = [...rows].sort((a, b) => Number(b.currency === org.currency) - Number(a.currency === org.currency));
  const money = byCurrency.length > 0 ? byCurrency : [{ currency: org.currency, vends: 0, failed: 0, revenueMinor: 0, costMinor: 0 }];
  const vends = rows.reduce((n, r) => n + r.vends, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  const lines = (render: (r: (typeof money)[number]) => React.ReactNode) =>
    money.map((r, i) => (
      <span key={r.currency} className={i === 0 ? "block" : "block text-sm text-zinc-600 dark:text-zinc-400"}>
        {render(r)}
      </span>
    ));
  return (
    <dl
      aria-label="Totals"
      className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-5 dark:border-zinc-800 dark:bg-zinc-800"
    >
      <Stat label="Vends">
        <span className="tabular">{formatCount(vends)}</span>
        <span className={sub}>succeeded</span>
      </Stat>
      <Stat label="Revenue">
        <span className="tabular">{lines((r) => formatMoney(r.revenueMinor, r.currency))}</span>
      </Stat>
      <Stat label="Average ticket">
        <span className="tabular">{lines((r) => (r.vends > 0 ? formatMoney(Math.round(r.revenueMinor / r.vends), r.currency) : "—"))}</span>
      </Stat>
      <Stat label="Margin">
        <span className="tabular">{lines((r) => (r.revenueMinor > 0 ? formatPercent((r.revenueMinor - r.costMinor) / r.revenueMinor) : "—"))}</span>
        <span className={sub}>
          <span className="tabular">{formatMoney(money[0]!.revenueMinor - money[0]!.costMinor, money[0]!.currency)}</span> gross profit
        </span>
      </Stat>
      <Stat label="Failed vends" className="col-span-2 sm:col-span-1">
        <span className={failed > 0 ? "tabular text-red-600 dark:text-red-400" : "tabular"}>{formatCount(failed)}</span>
        <span className={sub}>{vends + failed > 0 ? `${formatPercent(failed / (vends + failed))} of attempts` : "no attempts"}</span>
      </Stat>
    </dl>
  );
}
