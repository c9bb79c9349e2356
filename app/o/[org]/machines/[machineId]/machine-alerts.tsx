"use client";

import { BellRing, History } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { alertText, ruleLabel } from "~/server/alerts/contract";
import { Card } from "~/app/_components/ui/card";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { useMachine } from "./use-machine";


/** The machine's alerts, open ones first, each with its severity, how often and when last. */
export function MachineAlerts({ machineId }: { machineId: string }) {
  const org = useOrg();
  const { alerts } = useMachine(machineId);
  const t = useTranslations("machines.alerts");
  const locale = useLocale();
  const open = alerts.filter((a) => a.status !== "resolved").length;
  return (
    <Card
      id="alerts"
      title={t("title")}
      description={open > 0 ? t("open", { count: open }) : t("nothing")}
      actions={
        <Link href={`/o/${org.slug}/alerts?machine=${machineId}&state=open,acknowledged,resolved`} className="inline-flex items-center gap-1 text-xs text-brand-600 hover:underline dark:text-brand-500">
          <History aria-hidden className="size-3.5" /> {t("history")}
        </Link>
      }
      bodyClassName="p-0"
    >
      {alerts.length === 0 ? (
        <div className="flex items-center gap-3 px-4 py-5 text-[13px] text-zinc-500 dark:text-zinc-400">
          <BellRing aria-hidden className="size-4 shrink-0 text-zinc-500" />
          {t("empty")}
        </div>
      ) : (
        <ul aria-label={t("list")} className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {alerts.map((alert) => (
            <li key={alert.id} className="px-4 py-3 text-[13px]">
              <div className="flex flex-wrap items-center gap-1.5">
                <StatusBadge status={alert.status} />
                <StatusBadge status={alert.severity} />
                <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
                  <RelativeTime date={alert.lastSeenAt} timeZone={org.timeZone} />
                </span>
              </div>
              <p className="mt-1.5 font-medium text-zinc-900 dark:text-zinc-100">
                <Link href={`/o/${org.slug}/alerts/${alert.id}`} className="hover:underline">
                  {ruleLabel(alert.rule, locale)} <span className="font-mono text-xs">{alert.code}</span>
                </Link>
                {alert.count > 1 && <span className="ml-1 text-xs font-normal text-zinc-500 dark:text-zinc-400">×{alert.count}</span>}
              </p>
              <p className="mt-0.5 text-zinc-600 dark:text-zinc-400">{alertText(alert, locale)}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
