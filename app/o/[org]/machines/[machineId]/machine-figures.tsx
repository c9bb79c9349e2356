"use client";

import { LevelBar } from "~/app/_components/ui/level-bar";
import { formatPercent } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { formatMoney } from "~/server/money";
import { formatDateTime } from "~/server/time";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { Stat } from "~/app/_components/ui/stat";
import { fillTone } from "../machine-row";
import { formatSignal, formatTemperature } from "../machine-figures-format";
import { useMachine, usePlanogram } from "./use-machine";

const none = <span className="font-normal text-zinc-500 dark:text-zinc-400">—</span>;
const sub = "mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400";

/** The machine's key figures: when it last reported, its telemetry, stock and open alerts, then its money. */
export function MachineFigures({ machineId }: { machineId: string }) {
  const org = useOrg();
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
        <Stat label="Last seen">
          <RelativeTime date={machine.lastSeenAt} timeZone={org.timeZone} className="text-zinc-900 dark:text-zinc-100" />
          {machine.lastSeenAt && (
            <span className={sub}>{formatDateTime(machine.lastSeenAt, org.timeZone)}</span>
          )}
        </Stat>
        <Stat label="Temperature">
          <span className="tabular">{machine.temperatureC === null ? none : formatTemperature(machine.temperatureC)}</span>
        </Stat>
        <Stat label="Signal">
          <span className="tabular">{machine.signalDbm === null ? none : formatSignal(machine.signalDbm)}</span>
        </Stat>
        <Stat label="Firmware">
          <span className="block truncate font-mono text-sm">{machine.firmware ?? none}</span>
        </Stat>
        <Stat label="Door">
          {machine.doorOpen === null ? none : machine.doorOpen ? <span className="text-amber-700 dark:text-amber-400">Open</span> : "Closed"}
        </Stat>
        <Stat label="Stock fill">
          {fill === null ? (
            none
          ) : (
            <>
              <span className="tabular">{formatPercent(fill)}</span>
              <LevelBar value={stock} max={capacity} tone={fillTone(fill)} label="Stock fill" className="mt-2 w-full" />
              <span className={sub}>
                <span className="tabular">{stock}</span> of <span className="tabular">{capacity}</span> items
              </span>
            </>
          )}
        </Stat>
        <Stat label="Empty slots">
          <span className={empty > 0 ? "tabular text-red-600 dark:text-red-400" : "tabular"}>{empty}</span>
          <span className={sub}>
            of <span className="tabular">{slots.length}</span> {slots.length === 1 ? "slot" : "slots"}
          </span>
        </Stat>
        <Stat label="Open alerts">
          <span className={open > 0 ? "tabular text-red-600 dark:text-red-400" : "tabular"}>{open}</span>
        </Stat>
      </dl>
      <h2 className="sr-only">Money</h2>
      <dl aria-label="Money" className="mt-3 grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label="Revenue today">
          <span className="tabular">{formatMoney(money.revenueTodayMinor, money.currency)}</span>
        </Stat>
        <Stat label="Revenue 7 days">
          <span className="tabular">{formatMoney(money.revenue7dMinor, money.currency)}</span>
          <span className={sub}>today and the 6 days before</span>
        </Stat>
        <Stat label="Sold since visit">
          <span className="tabular">{money.unitsSinceVisit}</span>
          <span className={sub}>{money.unitsSinceVisit === 1 ? "unit" : "units"}</span>
        </Stat>
        <Stat label="Last sale">
          {money.lastSaleAt === null ? none : <RelativeTime date={money.lastSaleAt} timeZone={org.timeZone} className="text-zinc-900 dark:text-zinc-100" />}
          {money.lastSaleAt && <span className={sub}>{formatDateTime(money.lastSaleAt, org.timeZone)}</span>}
        </Stat>
        <Stat label="Since service">
          {money.daysSinceService === null ? (
            none
          ) : (
            <span className="tabular">{money.daysSinceService <= 0 ? "Today" : money.daysSinceService === 1 ? "1 day" : `${money.daysSinceService} days`}</span>
          )}
          {money.lastServiceAt && <span className={sub}>{formatDateTime(money.lastServiceAt, org.timeZone)}</span>}
        </Stat>
        <Stat label="Cash in box">
          <span className="tabular">{formatMoney(money.expectedCashMinor, money.currency)}</span>
          <span className={sub}>expected since the last collection</span>
        </Stat>
      </dl>
    </>
  );
}
