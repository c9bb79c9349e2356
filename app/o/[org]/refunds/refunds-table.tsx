"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { CardList } from "~/app/_components/ui/card-list";
import { DataTable, type DataColumn } from "~/app/_components/ui/data-table";
import { LoadMore, type LoadMoreState } from "~/app/_components/ui/load-more";
import { useOrg } from "~/app/_components/org/org-context";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { SortSelect } from "~/app/_components/ui/sort-select";
import { hasRole } from "~/server/tenancy/contract";
import { RefundCard } from "./refund-card";
import { RefundRow, type Refund } from "./refund-row";

type SortKey = "created" | "machine" | "amount" | "state" | "attempts";

const compare: Record<SortKey, (a: Refund, b: Refund) => number> = {
  created: (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  machine: (a, b) => (a.machineName ?? "").localeCompare(b.machineName ?? "", "en", { sensitivity: "base" }),
  amount: (a, b) => a.amountMinor - b.amountMinor,
  state: (a, b) => a.status.localeCompare(b.status),
  attempts: (a, b) => a.attempts - b.attempts,
};

const sortKeys = ["created", "machine", "amount", "state", "attempts"] as const satisfies readonly SortKey[];

/** The loaded refunds, sortable (newest first to start with); managers can retry failed ones. */
export function RefundsTable({ refunds, more }: { refunds: Refund[]; more: LoadMoreState }) {
  const org = useOrg();
  const t = useTranslations("refunds.table");
  const sortOptions = sortKeys.map((key) => ({ key, label: t(key) }));
  const manager = hasRole(org.role, "manager");
  const { sort, sortBy } = useTableSort<SortKey>("created", "desc");
  const rows = useMemo(() => {
    const sign = sort.direction === "asc" ? 1 : -1;
    return [...refunds].sort((a, b) => sign * compare[sort.key](a, b) || compare.created(b, a));
  }, [refunds, sort]);
  const sortable = (key: SortKey, label: string, align?: "right"): DataColumn => ({
    label,
    header: <SortHeader label={label} active={sort.key === key} direction={sort.direction} align={align} className="whitespace-nowrap" onSort={() => sortBy(key)} />,
  });
  const columns: DataColumn[] = [
    sortable("created", t("created")),
    sortable("machine", t("machine")),
    sortable("amount", t("amount"), "right"),
    sortable("state", t("state")),
    { label: t("origin") },
    { label: t("reason") },
    sortable("attempts", t("attempts"), "right"),
    { label: t("nextAttempt") },
    { label: t("actions"), srOnly: true, when: manager },
  ];

  return (
    <DataTable
      headingId="refunds-heading"
      heading={t("heading")}
      headingClassName="sr-only"
      columns={columns}
      footer={<LoadMore shown={refunds.length} more={more} />}
      cards={
        <>
          {rows.length > 1 && (
            <div className="mb-2 sm:hidden">
              <SortSelect options={sortOptions} sort={sort.key} direction={sort.direction} onSortBy={sortBy} onReverse={() => sortBy(sort.key)} />
            </div>
          )}
          <CardList label={t("heading")}>
            {rows.map((refund) => (
              <RefundCard key={refund.id} refund={refund} canRetry={manager} />
            ))}
          </CardList>
        </>
      }
    >
      {rows.map((refund) => (
        <RefundRow key={refund.id} refund={refund} canRetry={manager} />
      ))}
    </DataTable>
  );
}
