"use client";

import { useMemo } from "react";
import { LoadMore, type LoadMoreState } from "~/app/_components/load-more";
import { useOrg } from "~/app/_components/org-context";
import { SortHeader, useTableSort } from "~/app/_components/sort-header";
import { tableClasses, theadClasses } from "~/app/_components/table-styles";
import { hasRole } from "~/server/tenancy/roles";
import { RefundRow, type Refund } from "./refund-row";

type SortKey = "created" | "machine" | "amount" | "state" | "attempts";

const compare: Record<SortKey, (a: Refund, b: Refund) => number> = {
  created: (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  machine: (a, b) => (a.machineName ?? "").localeCompare(b.machineName ?? "", "en", { sensitivity: "base" }),
  amount: (a, b) => a.amountMinor - b.amountMinor,
  state: (a, b) => a.status.localeCompare(b.status),
  attempts: (a, b) => a.attempts - b.attempts,
};

const th = "px-3 py-2 font-medium whitespace-nowrap";

/** The loaded refunds, sortable (newest first to start with); managers can retry failed ones. */
export function RefundsTable({ refunds, more }: { refunds: Refund[]; more: LoadMoreState }) {
  const org = useOrg();
  const manager = hasRole(org.role, "manager");
  const { sort, sortBy } = useTableSort<SortKey>("created", "desc");
  const rows = useMemo(() => {
    const sign = sort.direction === "asc" ? 1 : -1;
    return [...refunds].sort((a, b) => sign * compare[sort.key](a, b) || compare.created(b, a));
  }, [refunds, sort]);
  const header = (key: SortKey, label: string, align?: "right") => (
    <SortHeader label={label} active={sort.key === key} direction={sort.direction} align={align} className="whitespace-nowrap" onSort={() => sortBy(key)} />
  );

  return (
    <section aria-labelledby="refunds-heading">
      <h2 id="refunds-heading" className="sr-only">
        Refunds
      </h2>
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <table className={tableClasses} aria-labelledby="refunds-heading">
          <thead className={theadClasses}>
            <tr>
              {header("created", "Created")}
              {header("machine", "Machine")}
              {header("amount", "Amount", "right")}
              {header("state", "State")}
              <th scope="col" className={th}>
                Origin
              </th>
              <th scope="col" className={th}>
                Reason
              </th>
              {header("attempts", "Attempts", "right")}
              <th scope="col" className={th}>
                Next attempt
              </th>
              {manager && (
                <th scope="col" className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((refund) => (
              <RefundRow key={refund.id} refund={refund} canRetry={manager} />
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore shown={refunds.length} more={more} />
    </section>
  );
}
