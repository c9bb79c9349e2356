"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { Refrigerator } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { Card } from "~/app/_components/ui/card";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useOrg } from "~/app/_components/org/org-context";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import { useFleetStatusLabel } from "../../machines/fleet-status";

const th = "px-3 py-2 font-medium whitespace-nowrap";
const muted = "text-zinc-500 dark:text-zinc-400";

/** The machines standing at the location, with their state and recent takings. */
export function LocationMachines({ locationId, locationName }: { locationId: string; locationName: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: machines } = useSuspenseQuery(trpc.machines.list.queryOptions({ orgId: org.id, locationId }));
  const t = useTranslations("locations.machines");
  const f = useFormat();
  const statusLabel = useFleetStatusLabel();
  return (
    <Card
      id="location-machines"
      title={t("title")}
      description={t("description", { count: machines.length })}
      actions={
        machines.length > 0 && (
          <Link href={`/o/${org.slug}/machines?location=${locationId}`} className="text-[13px] font-medium text-brand-600 hover:underline dark:text-brand-500">
            {t("openInFleet")}
          </Link>
        )
      }
      bodyClassName={machines.length > 0 ? "p-0" : "p-4"}
    >
      {machines.length === 0 ? (
        <EmptyState icon={<Refrigerator />} title={t("emptyTitle")} className="border-0 py-6">
          {t("empty", { location: locationName })}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className={tableClasses}>
            <caption className="sr-only">{t("caption", { location: locationName })}</caption>
            <thead className={theadClasses}>
              <tr>
                <th scope="col" className={th}>
                  {t("machine")}
                </th>
                <th scope="col" className={th}>
                  {t("state")}
                </th>
                <th scope="col" className={clsx(th, "hidden text-right sm:table-cell")}>
                  {t("today")}
                </th>
                <th scope="col" className={clsx(th, "text-right")}>
                  {t("sevenDays")}
                </th>
              </tr>
            </thead>
            <tbody>
              {machines.map((m) => (
                <tr key={m.id} className={rowClasses}>
                  <td className={clsx(cellClasses, "whitespace-nowrap")}>
                    <Link
                      href={`/o/${org.slug}/machines/${m.id}`}
                      className="font-medium text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100 dark:hover:text-brand-500"
                    >
                      {m.name}
                    </Link>
                    <span className={clsx("block font-mono text-xs", muted)}>{m.serial}</span>
                  </td>
                  <td className={cellClasses}>
                    <StatusBadge status={m.status} label={statusLabel(m.status)} />
                  </td>
                  <td className={clsx(cellClasses, "tabular hidden text-right whitespace-nowrap sm:table-cell", m.revenueTodayMinor === 0 && muted)}>{f.money(m.revenueTodayMinor, m.currency)}</td>
                  <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap", m.revenue7dMinor === 0 && muted)}>{f.money(m.revenue7dMinor, m.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
