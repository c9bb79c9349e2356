"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { DataTable, type DataColumn } from "~/app/_components/ui/data-table";
import { useOrg } from "~/app/_components/org/org-context";
import { useRefundLabels } from "~/app/_components/labels/refund-labels";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import type { RefundRequest } from "./pending-request";

const muted = "text-zinc-500 dark:text-zinc-400";

/** Requests already answered, newest first: the decision, why, and where the refund stands. */
export function DecidedRequests({ requests }: { requests: RefundRequest[] }) {
  const org = useOrg();
  const t = useTranslations("refundRequests.decided");
  const f = useFormat();
  const refundLabels = useRefundLabels();
  const columns: DataColumn[] = [
    { label: t("decided") },
    { label: t("purchase") },
    { label: t("amount"), align: "right" },
    { label: t("consumerReason") },
    { label: t("decision") },
    { label: t("refund") },
  ];
  return (
    <DataTable headingId="decided-heading" heading={t("heading")} headingClassName="mb-3 text-sm font-semibold" columns={columns}>
      {requests.map((r) => (
        <tr key={r.id} className={rowClasses}>
          <td className={clsx(cellClasses, "tabular whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
            {r.decidedAt ? <Timestamp date={r.decidedAt} timeZone={org.timeZone} /> : "—"}
          </td>
          <td className={clsx(cellClasses, "whitespace-nowrap")}>
            <span className="text-zinc-900 dark:text-zinc-100">{r.productName ?? t("unknownProduct")}</span>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">{r.machineName}</span>
          </td>
          <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>{f.money(r.amountMinor, r.currency)}</td>
          <td className={clsx(cellClasses, "max-w-64 text-zinc-700 dark:text-zinc-300")}>
            <span title={r.reason} className="line-clamp-2">
              {r.reason}
            </span>
          </td>
          <td className={clsx(cellClasses, "max-w-64")}>
            <StatusBadge status={r.status} label={r.autoApproved ? t("autoApproved") : undefined} />
            {r.decisionReason && (
              <span title={r.decisionReason} className="mt-1 line-clamp-2 text-xs text-zinc-500 dark:text-zinc-400">
                {r.decisionReason}
              </span>
            )}
          </td>
          <td className={cellClasses}>
            {r.refundStatus ? <StatusBadge status={r.refundStatus} label={refundLabels.status(r.refundStatus)} /> : <span className={muted}>—</span>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
