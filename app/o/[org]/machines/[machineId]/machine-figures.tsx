"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { LevelBar } from "~/app/_components/ui/level-bar";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { Stat } from "~/app/_components/ui/stat";
import { fillTone, useServiceDays } from "../machine-row";
import { useTelemetryFormat } from "../machine-figures-format";
import { useMachine, usePlanogram } from "./use-machine";

const none = <span className="font-normal text-zinc-500 dark:text-zinc-400">—</span>;
const sub = "mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400";

/** The machine's key figures: when it last reported, its telemetry, stock and open alerts, then its money. */
export function MachineFigures({ machineId }: { machineId: string }) {
  const org = useOrg();
  const t = useTranslations("machines.figures");
  const f = useFormat();
  const telemetry = useTelemetryFormat();
  const serviceDays = useServiceDays();
  const n = (chunks: React.ReactNode) => <span className="tabular">{chunks}</span>;
  const { machine, alerts, money } = useMachine(machineId);
  const slots = usePlanogram(machineId);
  const capacity = slots.reduce((n, s) => n + s.capacity, 0);
  const stock = slots.reduce((n, s) => n + s.stock, 0);
  const fill = capacity > 0 ? stock / capacity : null;
  const empty = slots.filter((s) => s.stock === 0).length;
  const open = alerts.filter((a) => a.status !== "resolved").length;
  return (
    <>
      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label={t("lastSeen")}>
          <RelativeTime date={machine.lastSeenAt} timeZone={org.timeZone} className="text-zinc-900 dark:text-zinc-100" />
          {machine.lastSeenAt && (
            <span className={sub}>{f.dateTime(machine.lastSeenAt, org.timeZone)}</span>
          )}
        </Stat>
        <Stat label={t("temperature")}>
          <span className="tabular">{machine.temperatureC === null ? none : telemetry.temperature(machine.temperatureC)}</span>
        </Stat>
        <Stat label={t("signal")}>
          <span className="tabular">{machine.signalDbm === null ? none : telemetry.signal(machine.signalDbm)}</span>
        </Stat>
        <Stat label={t("firmware")}>
          <span className="block truncate font-mono text-sm">{machine.firmware ?? none}</span>
        </Stat>
        <Stat label={t("door")}>
          {machine.doorOpen === null ? none : machine.doorOpen ? <span className="text-amber-700 dark:text-amber-400">{t("doorOpen")}</span> : t("doorClosed")}
        </Stat>
        <Stat label={t("fill")}>
          {fill === null ? (
            none
          ) : (
            <>
              <span className="tabular">{f.percent(fill)}</span>
              <LevelBar value={stock} max={capacity} tone={fillTone(fill)} label={t("fill")} className="mt-2 w-full" />
              <span className={sub}>{t.rich("items", { stock, capacity, n })}</span>
            </>
          )}
        </Stat>
        <Stat label={t("emptySlots")}>
          <span className={empty > 0 ? "tabular text-red-600 dark:text-red-400" : "tabular"}>{empty}</span>
          <span className={sub}>{t.rich("ofSlots", { count: slots.length, n })}</span>
        </Stat>
        <Stat label={t("openAlerts")}>
          <span className={open > 0 ? "tabular text-red-600 dark:text-red-400" : "tabular"}>{open}</span>
        </Stat>
      </dl>
      <h2 className="sr-only">{t("money")}</h2>
      <dl aria-label={t("money")} className="mt-3 grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label={t("revenueToday")}>
          <span className="tabular">{f.money(money.revenueTodayMinor, money.currency)}</span>
        </Stat>
        <Stat label={t("revenue7d")}>
          <span className="tabular">{f.money(money.revenue7dMinor, money.currency)}</span>
          <span className={sub}>{t("revenue7dHint")}</span>
        </Stat>
        <Stat label={t("soldSinceVisit")}>
          <span className="tabular">{money.unitsSinceVisit}</span>
          <span className={sub}>{t("units", { count: money.unitsSinceVisit })}</span>
        </Stat>
        <Stat label={t("lastSale")}>
          {money.lastSaleAt === null ? none : <RelativeTime date={money.lastSaleAt} timeZone={org.timeZone} className="text-zinc-900 dark:text-zinc-100" />}
          {money.lastSaleAt && <span className={sub}>{f.dateTime(money.lastSaleAt, org.timeZone)}</span>}
        </Stat>
        <Stat label={t("sinceService")}>
          {money.daysSinceService === null ? none : <span className="tabular">{serviceDays(money.daysSinceService)}</span>}
          {money.lastServiceAt && <span className={sub}>{f.dateTime(money.lastServiceAt, org.timeZone)}</span>}
        </Stat>
        <Stat label={t("cash")}>
          <span className="tabular">{f.money(money.expectedCashMinor, money.currency)}</span>
          <span className={sub}>{t("cashHint")}</span>
        </Stat>
      </dl>
    </>
  );
}
