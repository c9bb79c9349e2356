"use client";

import clsx from "clsx";
import { DataTable, type DataColumn } from "~/app/_components/ui/data-table";
import { useOrg } from "~/app/_components/org/org-context";
import { refundStatusLabels } from "~/app/_components/labels/refund-labels";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { formatMoney } from "~/server/money";
import type { RefundRequest } from "./pending-request";

const columns: DataColumn[] = [
  { label: "Decided" },
  { label: "Purchase" },
  { label: "Amount", align: "right" },
  { label: "Consumer’s reason" },
  { label: "Decision" },
  { label: "Refund" },
];
const muted = "text-zinc-500 dark:text-zinc-400";

/** Requests already answered, newest first: the decision, why, and where the refund stands. */
export function DecidedRequests({ requests }: { requests: RefundRequest[] }) {
  const org = useOrg();
  return (
    <DataTable headingId="decided-heading" heading="Decided" headingClassName="mb-3 text-sm font-semibold" columns={columns}>
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
            <StatusBadge status={r.status} label={r.autoApproved ? "Approved automatically" : undefined} />
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
    </DataTable>
  );
}
