"use client";

import clsx from "clsx";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import type { RouterOutputs } from "~/app/_trpc/types";
import { alertHeading, alertText, headingShowsCode, ruleLabel } from "~/server/alerts/contract";
import { SelectBox } from "./alert-selection";

export type InboxAlert = RouterOutputs["alerts"]["list"][number];

const sub = "text-xs text-zinc-500 dark:text-zinc-400";

// The facts of an alert, shown by its row and by its card on a phone.

/** "Machine fault COOLING": the rule, with the fault's code where it says more. */
export function AlertRule({ alert }: { alert: InboxAlert }) {
  const locale = useLocale();
  return (
    <>
      {ruleLabel(alert.rule, locale)} {headingShowsCode(alert.rule) ? <span className="font-mono text-xs">{alert.code}</span> : null}
    </>
  );
}

/** Its state, and who has it. */
export function AlertState({ alert }: { alert: InboxAlert }) {
  const t = useTranslations("alerts.row");
  return (
    <>
      <StatusBadge status={alert.status} />
      <p className={clsx("mt-0.5", sub)}>{alert.assigneeName ? t("assignedTo", { name: alert.assigneeName }) : t("unassigned")}</p>
    </>
  );
}

/** Whether an alert is picked for a bulk action, and how to change that. */
export interface AlertSelection {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** What a selection checkbox of an alert is called for screen readers. */
export function useSelectLabel(): (a: InboxAlert) => string {
  const t = useTranslations("alerts.row");
  const locale = useLocale();
  return (a) => (a.machineName ? t("selectOn", { alert: alertHeading(a, locale), machine: a.machineName }) : t("select", { alert: alertHeading(a, locale) }));
}

/**
 * One alert of the inbox table, under its machine's group header. With `selection` it starts with
 * its checkbox; `null` keeps the column empty (a resolved alert takes no bulk action).
 */
export function AlertRow({ alert: a, selection }: { alert: InboxAlert; selection?: AlertSelection | null }) {
  const org = useOrg();
  const selectLabel = useSelectLabel();
  const locale = useLocale();
  return (
    <tr className={rowClasses}>
      {selection !== undefined && <td className={clsx(cellClasses, "w-8")}>{selection && <SelectBox label={selectLabel(a)} checked={selection.checked} onChange={selection.onChange} />}</td>}
      <td className={cellClasses}>
        <StatusBadge status={a.severity} />
      </td>
      <td className={clsx(cellClasses, "max-w-md")}>
        <Link href={`/o/${org.slug}/alerts/${a.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
          <AlertRule alert={a} />
        </Link>
        <p className={clsx("truncate", sub)} title={alertText(a, locale)}>
          {alertText(a, locale)}
        </p>
      </td>
      <td className={cellClasses}>
        {a.machineId ? (
          <Link href={`/o/${org.slug}/machines/${a.machineId}`} className="hover:underline">
            {a.machineName}
          </Link>
        ) : (
          "—"
        )}
        {a.locationName && <p className={sub}>{a.locationName}</p>}
      </td>
      <td className={cellClasses}>
        <AlertState alert={a} />
      </td>
      <td className={clsx(cellClasses, "text-right tabular-nums")}>{a.count}</td>
      <td className={clsx(cellClasses, "whitespace-nowrap")}>
        <RelativeTime date={a.firstSeenAt} timeZone={org.timeZone} />
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap")}>
        <RelativeTime date={a.lastSeenAt} timeZone={org.timeZone} />
      </td>
    </tr>
  );
}
