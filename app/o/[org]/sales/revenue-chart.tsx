"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Card } from "~/app/_components/ui/card";
import { DayBars } from "~/app/_components/ui/day-bars";
import { formatCount } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { formatMoney } from "~/server/money";
import { eachDay, formatDay, localDay } from "~/server/time";
import type { SalesQuery } from "./sales-query";

/** Revenue per day in the org's currency, as bars (plain elements, no chart library). */
export function RevenueChart({ query }: { query: SalesQuery }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: rows } = useSuspenseQuery(trpc.sales.byDay.queryOptions({ orgId: org.id, ...query }));
  const own = rows.filter((r) => r.currency === org.currency);
  const first = query.from ?? own[0]?.day;
  const last = query.to ?? (own.length > 0 ? localDay(new Date(), org.timeZone) : undefined);
  if (!first || !last) return null;
  const days = eachDay(first, last);
  if (days.length < 2) return null;
  const byDay = new Map(own.map((r) => [r.day, r]));
  const max = Math.max(0, ...own.map((r) => r.revenueMinor));
  const total = own.reduce((n, r) => n + r.revenueMinor, 0);
  const best = own.reduce<(typeof own)[number] | null>((b, r) => (!b || r.revenueMinor > b.revenueMinor ? r : b), null);
  const labels = [days[0]!, days[Math.floor((days.length - 1) / 2)]!, days.at(-1)!];
  const summary = `Revenue per day from ${formatDay(first, true)} to ${formatDay(last, true)}: ${formatMoney(total, org.currency)} in total${
    best && best.revenueMinor > 0 ? `, highest ${formatMoney(best.revenueMinor, org.currency)} on ${formatDay(best.day, true)}` : ""
  }.`;
  return (
    <Card title="Revenue per day" description={`Succeeded vends in ${org.currency}; hover a bar for the day.`}>
      <DayBars
        label={summary}
        maxLabel={formatMoney(max, org.currency, { compact: true })}
        axis={labels.map((day) => formatDay(day))}
        bars={days.map((day) => {
          const r = byDay.get(day);
          return {
            key: day,
            value: r?.revenueMinor ?? 0,
            title: `${formatDay(day, true)}: ${formatMoney(r?.revenueMinor ?? 0, org.currency)} · ${formatCount(r?.vends ?? 0)} vends`,
          };
        })}
      />
    </Card>
  );
}
