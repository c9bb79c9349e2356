"use client";

import clsx from "clsx";
import { formatMoney } from "~/app/_components/money";
import { useOrg } from "~/app/_components/org-context";
import { refundStatusLabels } from "~/app/_components/refund-labels";
import { StatusBadge } from "~/app/_components/status-badge";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/table-styles";
import { Timestamp } from "~/app/_components/timestamp";
import type { RefundRequest } from "./pending-request";

const th = "px-3 py-2 font-medium whitespace-nowrap";
const muted = "text-zinc-400 dark:text-zinc-500";

/** Requests already answered, newest first: the decision, why, and where the refund stands. */
export function DecidedRequests({ requests }: { requests: RefundRequest[] }) {
  const org = useOrg();
  return (
    <section aria-labelledby="decided-heading">
      <h2 id="decided-heading" className="mb-3 text-sm font-semibold">
        Decided
      </h2>
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <table className={tableClasses} aria-labelledby="decided-heading">
          <thead className={theadClasses}>
            <tr>
              <th scope="col" className={th}>
                Decided
              </th>
              <th scope="col" className={th}>
                Purchase
              </th>
              <th scope="col" className={`${th} text-right`}>
                Amount
              </th>
              <th scope="col" className={th}>
                Consumer&rsquo;s reason
              </th>
              <th scope="col" className={th}>
                Decision
              </th>
              <th scope="col" className={th}>
                Refund
              </th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} className={rowClasses}>
                <td className={clsx(cellClasses, "tabular whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
                  {r.decidedAt ? <Timestamp date={r.decidedAt} timeZone={org.timeZone} /> : "—"}
                </td>
                <td className={clsx(cellClasses, "whitespace-nowrap")}>
                  <span className="text-zinc-900 dark:text-zinc-100">{r.productName ?? "Unknown product"}</span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">{r.machineName}</span>
                </td>
                <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>{formatMoney(r.amountMinor, r.currency)}</td>
                <td className={clsx(cellClasses, "max-w-64 text-zinc-700 dark:text-zinc-300")}>
                  <span title={r.reason} className="line-clamp-2">
                    {r.reason}
                  </span>
                </td>
                <td className={clsx(cellClasses, "max-w-64")}>
                  <StatusBadge status={r.status} />
                  {r.decisionReason && (
                    <span title={r.decisionReason} className="mt-1 line-clamp-2 text-xs text-zinc-500 dark:text-zinc-400">
                      {r.decisionReason}
                    </span>
                  )}
                </td>
                <td className={cellClasses}>
                  {r.refundStatus ? <StatusBadge status={r.refundStatus} label={refundStatusLabels[r.refundStatus]} /> : <span className={muted}>—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
