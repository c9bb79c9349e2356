"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Coins } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { LoadMore, loadMoreOf } from "~/app/_components/ui/load-more";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { cashListInput, cashPageOptions, type CashQuery } from "./cash-query";
import { Money, Variance } from "~/app/_components/ui/variance";

export type CollectionRow = RouterOutputs["cash"]["list"]["collections"][number];


/** The collections for the filter, newest first, 50 at a time; the loaded rows sort by any column and filter by a search. */
export function CollectionsTable({ query }: { query: CashQuery }) {
  const t = useTranslations("cash.collections");
  const org = useOrg();
  /** Who counted a collection: the technician, or the machine's own figure when no one did. */
  const countedBy = (c: CollectionRow) => c.technicianName ?? (c.source === "machine" ? t("machineReport") : t("formerMember"));
  const trpc = useTRPC();
  const list = useSuspenseInfiniteQuery(trpc.cash.list.infiniteQueryOptions(cashListInput(org.id, query), cashPageOptions));
  const rows = list.data.pages.flatMap((p) => p.collections);
  const filtered = Object.keys(query).length > 0;

  if (rows.length === 0) {
    return (
      <EmptyState icon={<Coins />} title={filtered ? t("emptyMatch") : t("emptyNone")}>
        {filtered ? t("emptyMatchBody") : t("emptyNoneBody")}
      </EmptyState>
    );
  }

  const columns: Column<CollectionRow>[] = [
    { key: "time", label: t("time"), sortValue: (c) => c.occurredAt.getTime(), render: (c) => <Timestamp date={c.occurredAt} timeZone={org.timeZone} /> },
    {
      key: "machine",
      label: t("machine"),
      sortValue: (c) => c.machineName,
      render: (c) => (
        <Link href={`/o/${org.slug}/machines/${c.machineId}`} className="font-medium hover:underline">
          {c.machineName}
          {c.locationName && <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">{c.locationName}</span>}
        </Link>
      ),
    },
    {
      key: "technician",
      label: t("countedBy"),
      sortValue: countedBy,
      render: (c) => (
        <span title={c.note ?? undefined}>
          {countedBy(c)}
          {c.note && <span className="block max-w-56 truncate text-xs text-zinc-500 dark:text-zinc-400">{c.note}</span>}
        </span>
      ),
    },
    { key: "route", label: t("route"), sortValue: (c) => c.routeName, render: (c) => c.routeName ?? <span className="text-zinc-500">—</span> },
    { key: "expected", label: t("expected"), align: "right", sortValue: (c) => c.expectedMinor, render: (c) => <Money minor={c.expectedMinor} currency={c.currency} /> },
    {
      key: "counted",
      label: t("counted"),
      align: "right",
      sortValue: (c) => c.countedMinor,
      render: (c) => (
        <span>
          <Money minor={c.countedMinor} currency={c.currency} />
          {c.reportedMinor !== null && c.technicianName && c.reportedMinor !== c.countedMinor && (
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              {t.rich("machineSaid", { amount: () => <Money minor={c.reportedMinor!} currency={c.currency} /> })}
            </span>
          )}
        </span>
      ),
    },
    { key: "variance", label: t("overShort"), align: "right", sortValue: (c) => c.varianceMinor, render: (c) => <Variance minor={c.varianceMinor} currency={c.currency} /> },
  ];

  return (
    <div>
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <SortableTable
          rows={rows}
          columns={columns}
          rowKey={(c) => c.id}
          initialSort="time"
          caption={t("caption")}
          searchLabel={t("search")}
          searchText={(c) => [c.machineName, c.locationName, countedBy(c), c.routeName, c.note].filter(Boolean).join(" ")}
          empty={t("empty")}
        />
      </div>
      <LoadMore shown={rows.length} more={loadMoreOf(list)} />
    </div>
  );
}
