"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useOrg } from "~/app/_components/org/org-context";
import { RecordCard } from "~/app/_components/ui/card-list";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { alertText } from "~/server/alerts/contract";
import { AlertRule, AlertState, useSelectLabel, type AlertSelection, type InboxAlert } from "./alert-row";
import { SelectBox } from "./alert-selection";

/** One alert on a phone: what happened on which machine (the heading names it), its state and times. */
export function AlertCard({ alert, selection }: { alert: InboxAlert; selection?: AlertSelection }) {
  const t = useTranslations("alerts.row");
  const org = useOrg();
  const selectLabel = useSelectLabel();
  const locale = useLocale();
  return (
    <RecordCard
      headingLevel={3}
      title={
        <span className="flex items-start gap-2">
          {selection && (
            <span className="pt-0.5">
              <SelectBox label={selectLabel(alert)} checked={selection.checked} onChange={selection.onChange} />
            </span>
          )}
          <Link href={`/o/${org.slug}/alerts/${alert.id}`} className="hover:underline">
            <AlertRule alert={alert} />
            {alert.machineName && <span className="font-normal text-zinc-600 dark:text-zinc-300">{t("onMachine", { machine: alert.machineName })}</span>}
          </Link>
        </span>
      }
      subtitle={alertText(alert, locale)}
      badges={
        <>
          <StatusBadge status={alert.severity} />
          <AlertState alert={alert} />
        </>
      }
      facts={[
        alert.machineId !== null && {
          label: t("machine"),
          value: (
            <>
              <Link href={`/o/${org.slug}/machines/${alert.machineId}`} className="underline decoration-zinc-300 underline-offset-2 dark:decoration-zinc-600">
                {alert.machineName}
              </Link>
              {alert.locationName && <span className="block text-xs text-zinc-500 dark:text-zinc-400">{alert.locationName}</span>}
            </>
          ),
        },
        {
          label: t("lastSeen"),
          value: (
            <>
              <RelativeTime date={alert.lastSeenAt} timeZone={org.timeZone} />
              <span className="block text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                {t.rich("seen", { count: alert.count, first: () => <RelativeTime date={alert.firstSeenAt} timeZone={org.timeZone} /> })}
              </span>
            </>
          ),
        },
      ]}
    />
  );
}
