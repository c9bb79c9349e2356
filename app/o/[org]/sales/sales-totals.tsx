"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { Stat } from "~/app/_components/ui/stat";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { relativeChange, type SalesComparison } from "~/server/sales/contract";
import { formatChange, formatDayRange } from "./compare-labels";
import type { SalesQuery } from "./sales-query";

type SalesComparisonResult = RouterOutputs["sales"]["compare"];

const sub = "mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400";

interface Figures {
  vends: number;
  failed: number;
  revenueMinor: number;
  costMinor: number;
}

/** The figures of one currency, and the compared period's when there is one. */
interface CurrencyTotals {
  currency: string;
  now: Figures;
  before?: Figures;
  /** The server's change of each figure against the compared period. */
  change?: SalesComparisonResult["totals"][number]["change"];
}

const zero: Figures = { vends: 0, failed: 0, revenueMinor: 0, costMinor: 0 };

/** Vends, revenue, average ticket, margin and failed vends for the filter (per currency when mixed), with the compared period's. */
export function SalesTotals({ query, compare }: { query: SalesQuery; compare?: SalesComparison }) {
  return compare && query.from && query.to ? <ComparedTotals query={query} compare={compare} /> : <PlainTotals query={query} />;
}

function PlainTotals({ query }: { query: SalesQuery }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: rows } = useSuspenseQuery(trpc.sales.totals.queryOptions({ orgId: org.id, ...query }));
  return <TotalsList rows={rows.map(({ currency, ...now }) => ({ currency, now }))} />;
}

function ComparedTotals({ query, compare }: { query: SalesQuery; compare: SalesComparison }) {
  const org = useOrg();
  const trpc = useTRPC();
  const f = useFormat();
  const { data } = useSuspenseQuery(trpc.sales.compare.queryOptions({ orgId: org.id, ...query, compare }));
  const rows = data.totals.map((r) => ({ currency: r.currency, now: r.current, before: r.previous, change: r.change }));
  return <TotalsList rows={rows} compared={{ compare, range: formatDayRange(data.previous, f.locale) }} />;
}

/** "€4.00 before · +62.5%", coloured by whether the change is good. */
function Before({ text, change, lower }: { text: string; change: number | null; lower?: boolean }) {
  const t = useTranslations("sales.totals");
  const f = useFormat();
  const words = formatChange(change, f.locale);
  const good = change !== null && (lower ? change <= 0 : change >= 0);
  return (
    <span className={sub}>
      {t.rich("before", { amount: text, num: tabular })}
      {words && (
        <>
          {" · "}
          <span className={clsx("tabular", Math.abs(change!) < 0.0005 ? "" : good ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400")}>{words}</span>
        </>
      )}
    </span>
  );
}

const tabular = (chunks: React.ReactNode) => <span className="tabular">{chunks}</span>;

function TotalsList({ rows, compared }: { rows: CurrencyTotals[]; compared?: { compare: SalesComparison; range: string } }) {
  const t = useTranslations("sales.totals");
  const f = useFormat();
  const org = useOrg();
  // The org's currency first; others only appear if machines reported them.
  const byCurrency = [...rows].sort((a, b) => Number(b.currency === org.currency) - Number(a.currency === org.currency));
  const money = byCurrency.length > 0 ? byCurrency : [{ currency: org.currency, now: zero, before: compared ? zero : undefined }];
  const sum = (pick: (f: Figures) => number, side: "now" | "before") => rows.reduce((n, r) => n + pick(r[side] ?? zero), 0);
  const vends = sum((x) => x.vends, "now");
  const failed = sum((x) => x.failed, "now");
  const main = money[0]!;
  // Counts add up over currencies; the server's change is per currency.
  const countChange = (pick: (f: Figures) => number, key: "vends" | "failed") =>
    rows.length === 1 && main.change ? main.change[key] : relativeChange(sum(pick, "now"), sum(pick, "before"));
  const ticket = (x: Figures) => (x.vends > 0 ? Math.round(x.revenueMinor / x.vends) : 0);
  const lines = (render: (r: CurrencyTotals) => React.ReactNode) =>
    money.map((r, i) => (
      <span key={r.currency} className={i === 0 ? "block" : "block text-sm text-zinc-600 dark:text-zinc-400"}>
        {render(r)}
      </span>
    ));
  return (
    <div className="space-y-1.5">
      <dl
        aria-label={t("label")}
        className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-5 dark:border-zinc-800 dark:bg-zinc-800"
      >
        <Stat label={t("vends")}>
          <span className="tabular">{f.count(vends)}</span>
          {compared ? <Before text={f.count(sum((x) => x.vends, "before"))} change={countChange((x) => x.vends, "vends")} /> : <span className={sub}>{t("succeeded")}</span>}
        </Stat>
        <Stat label={t("revenue")}>
          <span className="tabular">{lines((r) => f.money(r.now.revenueMinor, r.currency))}</span>
          {main.before && <Before text={f.money(main.before.revenueMinor, main.currency)} change={main.change?.revenueMinor ?? null} />}
        </Stat>
        <Stat label={t("averageTicket")}>
          <span className="tabular">{lines((r) => (r.now.vends > 0 ? f.money(ticket(r.now), r.currency) : "—"))}</span>
          {main.before && <Before text={main.before.vends > 0 ? f.money(ticket(main.before), main.currency) : "—"} change={main.change?.averageTicketMinor ?? null} />}
        </Stat>
        <Stat label={t("margin")}>
          <span className="tabular">{lines((r) => (r.now.revenueMinor > 0 ? f.percent((r.now.revenueMinor - r.now.costMinor) / r.now.revenueMinor) : "—"))}</span>
          <span className={sub}>{t.rich("grossProfit", { amount: f.money(main.now.revenueMinor - main.now.costMinor, main.currency), num: tabular })}</span>
          {main.before && (
            <Before
              text={f.money(main.before.revenueMinor - main.before.costMinor, main.currency)}
              change={main.change?.grossProfitMinor ?? null}
            />
          )}
        </Stat>
        <Stat label={t("failedVends")} className="col-span-2 sm:col-span-1">
          <span className={failed > 0 ? "tabular text-red-600 dark:text-red-400" : "tabular"}>{f.count(failed)}</span>
          <span className={sub}>{vends + failed > 0 ? t("ofAttempts", { percent: f.percent(failed / (vends + failed)) }) : t("noAttempts")}</span>
          {compared && <Before text={f.count(sum((x) => x.failed, "before"))} change={countChange((x) => x.failed, "failed")} lower />}
        </Stat>
      </dl>
      {compared && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="compared-with">
          {t("comparedWith", compared)}
        </p>
      )}
    </div>
  );
}
