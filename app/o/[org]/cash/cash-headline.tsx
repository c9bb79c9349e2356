"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { formatCount } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { Stat } from "~/app/_components/ui/stat";
import { useTRPC } from "~/app/_trpc/client";
import { formatMoney } from "~/server/money";
import { thisMonth } from "./cash-query";
import { Variance } from "~/app/_components/ui/variance";

const sub = "mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400";

/** Expected cash in the fleet now, then this month's counted cash and over/short (the org's month). */
export function CashHeadline() {
  const org = useOrg();
  const trpc = useTRPC();
  const month = thisMonth(org.timeZone);
  const { data: machines } = useSuspenseQuery(trpc.cash.expected.queryOptions({ orgId: org.id }));
  const { data: summary } = useSuspenseQuery(trpc.cash.summaries.queryOptions({ orgId: org.id, fromMonth: month, toMonth: month }));
  const expected = machines.filter((m) => m.currency === org.currency).reduce((n, m) => n + m.expectedMinor, 0);
  const holding = machines.filter((m) => m.expectedMinor > 0).length;
  const total = summary.totals.find((t) => t.currency === org.currency) ?? { collections: 0, countedMinor: 0, expectedMinor: 0, varianceMinor: 0, overMinor: 0, shortMinor: 0, flagged: 0 };
  return (
    <dl
      aria-label="Cash figures"
      className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800"
    >
      <Stat label="Expected in machines now">
        <span className="tabular">{formatMoney(expected, org.currency)}</span>
        <span className={sub}>
          in <span className="tabular">{formatCount(holding)}</span> of <span className="tabular">{formatCount(machines.length)}</span> machines
        </span>
      </Stat>
      <Stat label="Counted this month">
        <span className="tabular">{formatMoney(total.countedMinor, org.currency)}</span>
        <span className={sub}>
          <span className="tabular">{formatCount(total.collections)}</span> {total.collections === 1 ? "collection" : "collections"}, expected{" "}
          <span className="tabular">{formatMoney(total.expectedMinor, org.currency)}</span>
        </span>
      </Stat>
      <Stat label="Over/short this month">
        <Variance minor={total.varianceMinor} currency={org.currency} />
        <span className={sub}>
          <span className="tabular">{formatMoney(total.overMinor, org.currency)}</span> over ·{" "}
          <span className="tabular">{formatMoney(Math.abs(total.shortMinor), org.currency)}</span> short
        </span>
      </Stat>
      <Stat label="Beyond the alert threshold">
        <span className={total.flagged > 0 ? "tabular text-red-600 dark:text-red-400" : "tabular"}>{formatCount(total.flagged)}</span>
        <span className={sub}>collections this month</span>
      </Stat>
    </dl>
  );
}
