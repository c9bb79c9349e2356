"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { SortableTable, type Column } from "~/app/_components/ui/sortable-table";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { Money } from "~/app/_components/ui/variance";

type Row = RouterOutputs["cash"]["expected"][number];

/** Cash that should be in each machine now, largest first: where a collection is due. */
export function MachinesExpected() {
  const t = useTranslations("cash.machines");
  const f = useFormat();
  const org = useOrg();
  const trpc = useTRPC();
  const { data: rows } = useSuspenseQuery(trpc.cash.expected.queryOptions({ orgId: org.id }));
  const columns: Column<Row>[] = [
    {
      key: "machine",
      label: t("machine"),
      sortValue: (r) => r.machineName,
      render: (r) => (
        <Link href={`/o/${org.slug}/machines/${r.machineId}`} className="font-medium hover:underline">
          {r.machineName}
          {r.disabled && <span className="ml-1.5 text-xs font-normal text-zinc-500">{t("disabled")}</span>}
          {r.locationName && <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">{r.locationName}</span>}
        </Link>
      ),
    },
    { key: "route", label: t("route"), sortValue: (r) => r.routeName, render: (r) => r.routeName ?? <span className="text-zinc-500">—</span> },
    {
      key: "since",
      label: t("lastCollected"),
      sortValue: (r) => r.lastCollectedAt?.getTime() ?? null,
      render: (r) => <RelativeTime date={r.lastCollectedAt} timeZone={org.timeZone} never={t("never")} />,
    },
    { key: "sales", label: t("cashSales"), align: "right", sortValue: (r) => r.salesMinor, render: (r) => <Money minor={r.salesMinor} currency={r.currency} /> },
    {
      key: "paidBack",
      label: t("paidBack"),
      align: "right",
      sortValue: (r) => r.paidBackMinor,
      render: (r) => (r.paidBackMinor === 0 ? <span className="text-zinc-500">—</span> : `−${f.money(r.paidBackMinor, r.currency)}`),
    },
    {
      key: "expected",
      label: t("expectedNow"),
      align: "right",
      sortValue: (r) => r.expectedMinor,
      render: (r) => (
        <span className="font-medium">
          <Money minor={r.expectedMinor} currency={r.currency} />
        </span>
      ),
    },
  ];
  return (
    <div>
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <SortableTable
          rows={rows}
          columns={columns}
          rowKey={(r) => r.machineId}
          initialSort="expected"
          caption={t("caption")}
          searchLabel={t("search")}
          searchText={(r) => [r.machineName, r.locationName, r.routeName].filter(Boolean).join(" ")}
          empty={t("empty")}
        />
      </div>
      <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
        {t("note")}
      </p>
    </div>
  );
}
