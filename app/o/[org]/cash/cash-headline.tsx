"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { Stat } from "~/app/_components/ui/stat";
import { useTRPC } from "~/app/_trpc/client";
import { thisMonth } from "./cash-query";
import { Variance } from "~/app/_components/ui/variance";

const sub = "mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400";
const num = (chunks: React.ReactNode) => <span className="tabular">{chunks}</span>;

/** Expected cash in the fleet now, then this month's counted cash and over/short (the org's month). */
export function CashHeadline() {
  const t = useTranslations("cash.headline");
  const f = useFormat();
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
      aria-label={t("label")}
      className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800"
    >
      <Stat label={t("expectedNow")}>
        <span className="tabular">{f.money(expected, org.currency)}</span>
        <span className={sub}>{t.rich("holding", { holding: f.count(holding), total: f.count(machines.length), num })}</span>
      </Stat>
      <Stat label={t("countedThisMonth")}>
        <span className="tabular">{f.money(total.countedMinor, org.currency)}</span>
        <span className={sub}>{t.rich("countedDetail", { count: total.collections, amount: f.money(total.expectedMinor, org.currency), num })}</span>
      </Stat>
      <Stat label={t("overShortThisMonth")}>
        <Variance minor={total.varianceMinor} currency={org.currency} />
        <span className={sub}>{t.rich("overShortDetail", { over: f.money(total.overMinor, org.currency), short: f.money(Math.abs(total.shortMinor), org.currency), num })}</span>
      </Stat>
      <Stat label={t("beyondThreshold")}>
        <span className={total.flagged > 0 ? "tabular text-red-600 dark:text-red-400" : "tabular"}>{f.count(total.flagged)}</span>
        <span className={sub}>{t("collectionsThisMonth")}</span>
      </Stat>
    </dl>
  );
}
