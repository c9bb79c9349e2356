"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useFormat, type Format } from "~/app/_components/i18n/format";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import type { EliminationCandidate, ProductRanking } from "~/server/analytics/contract";

type Words = ReturnType<typeof useTranslations<"rankings.products">>;

function Change({ value }: { value: number | null }) {
  const f = useFormat();
  if (value === null) return <span className="text-zinc-500">–</span>;
  if (Math.abs(value) < 0.005) return <span className="text-zinc-500 dark:text-zinc-400">±0%</span>;
  return (
    <span className={clsx(value >= 0 ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400")}>
      {value >= 0 ? "+" : "−"}
      {f.percent(Math.abs(value), 0)}
    </span>
  );
}

const velocity = (v: number | null, f: Format) => (v === null ? "–" : f.decimal(v, 2, true));

function productColumns(currency: string, t: Words, f: Format): Column<ProductRanking>[] {
  return [
    { key: "name", label: t("product"), sortValue: (r) => r.name, render: (r) => <span className="font-medium text-zinc-900 dark:text-zinc-100">{r.name}</span> },
    { key: "units", label: t("units"), align: "right", sortValue: (r) => r.units, render: (r) => f.count(r.units) },
    { key: "revenue", label: t("revenue"), align: "right", sortValue: (r) => r.revenueMinor, render: (r) => f.money(r.revenueMinor, currency) },
    { key: "margin", label: t("margin"), align: "right", sortValue: (r) => r.marginMinor, render: (r) => f.money(r.marginMinor, currency) },
    { key: "marginRate", label: t("marginRate"), align: "right", sortValue: (r) => r.marginRate, render: (r) => (r.marginRate === null ? "–" : f.percent(r.marginRate, 0)) },
    { key: "velocity", label: t("velocity"), align: "right", sortValue: (r) => r.velocity, render: (r) => velocity(r.velocity, f) },
    { key: "change", label: t("change"), align: "right", sortValue: (r) => r.change, render: (r) => <Change value={r.change} /> },
  ];
}

export function ProductsTable({ rows, currency }: { rows: ProductRanking[]; currency: string }) {
  const t = useTranslations("rankings.products");
  const f = useFormat();
  return (
    <SortableTable
      rows={rows}
      columns={productColumns(currency, t, f)}
      rowKey={(r) => r.productId}
      initialSort="units"
      caption={t("caption")}
      empty={t("empty")}
      searchLabel={t("filter")}
      searchText={(r) => `${r.name} ${r.sku} ${r.category}`}
    />
  );
}

export function CandidatesTable({ rows, currency }: { rows: EliminationCandidate[]; currency: string }) {
  const t = useTranslations("rankings.products");
  const f = useFormat();
  const columns: Column<EliminationCandidate>[] = [
    ...productColumns(currency, t, f).filter((c) => ["name", "units", "marginRate", "velocity"].includes(c.key)),
    {
      key: "reasons",
      label: t("why"),
      sortValue: (r) => r.reasons.length,
      render: (r) => (
        <ul className="list-disc space-y-0.5 pl-4 text-zinc-600 dark:text-zinc-400">
          {r.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <SortableTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.productId}
      initialSort="reasons"
      caption={t("candidatesCaption")}
      empty={t("candidatesEmpty")}
      searchLabel={t("candidatesFilter")}
      searchText={(r) => `${r.name} ${r.sku} ${r.reasons.join(" ")}`}
    />
  );
}
