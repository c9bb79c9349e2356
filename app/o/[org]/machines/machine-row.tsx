"use client";

import clsx from "clsx";
import Link from "next/link";
import { LevelBar, type LevelTone } from "~/app/_components/ui/level-bar";
import { formatPercent } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import type { RouterOutputs } from "~/app/_trpc/types";
import { formatMoney } from "~/server/money";
import { formatTemperature } from "./machine-figures-format";
import { fleetStatusLabel } from "./fleet-query";

export type FleetMachine = RouterOutputs["machines"]["list"][number];

/** A machine's overall fill in the stock colours: empty, low (a third or less), fine. */
export function fillTone(fill: number): LevelTone {
  if (fill <= 0) return "empty";
  if (fill <= 1 / 3) return "low";
  return "ok";
}

const muted = "text-zinc-500 dark:text-zinc-400";
const auditsOnly = (machine: FleetMachine) => machine.lastSeenAt === null && machine.lastAuditAt !== null;

// The facts of a machine, shown by its row and by its card on a phone.

/** Its status badge, or "Audits only" for a machine known from DEX audits alone. */
export function MachineStatus({ machine }: { machine: FleetMachine }) {
  return auditsOnly(machine) ? (
    <span title="No telemetry: its sales and stock come from its DEX audits." className="text-xs font-medium whitespace-nowrap text-zinc-600 dark:text-zinc-400">
      Audits only
    </span>
  ) : (
    <StatusBadge status={machine.status} label={fleetStatusLabel(machine.status)} />
  );
}

/** When it last reported (or its last audit was read). */
export function MachineLastSeen({ machine }: { machine: FleetMachine }) {
  const org = useOrg();
  return auditsOnly(machine) ? (
    <span>
      Audit read <RelativeTime date={machine.lastAuditAt} timeZone={org.timeZone} />
    </span>
  ) : (
    <RelativeTime date={machine.lastSeenAt} timeZone={org.timeZone} />
  );
}

export function MachineLocation({ machine }: { machine: FleetMachine }) {
  return <>{machine.locationName ?? <span className={muted}>No location</span>}</>;
}

/** Its overall stock fill as a bar and a percentage. */
export function MachineFill({ machine }: { machine: FleetMachine }) {
  if (machine.fill === null) return <span className={muted}>No slots</span>;
  return (
    <div className="flex items-center gap-2">
      <LevelBar value={Math.round(machine.fill * 100)} max={100} tone={fillTone(machine.fill)} label={`Stock fill of ${machine.name}`} className="w-16 shrink-0" />
      <span className="tabular w-9 text-right text-zinc-700 dark:text-zinc-300">{formatPercent(machine.fill, 0)}</span>
    </div>
  );
}

export const emptySlotsClasses = (machine: FleetMachine) => (machine.emptySlots > 0 ? "font-medium text-red-600 dark:text-red-400" : muted);

export function MachineFaults({ machine }: { machine: FleetMachine }) {
  return machine.openFaults > 0 ? (
    <StatusBadge status="open" label={String(machine.openFaults)} className="tabular" />
  ) : (
    <span className={clsx("tabular", muted)}>0</span>
  );
}

export function MachineTemperature({ machine }: { machine: FleetMachine }) {
  return <>{machine.temperatureC === null ? <span className={muted}>—</span> : formatTemperature(machine.temperatureC)}</>;
}

/** An amount of the machine's money; nothing sold shows muted. */
export function MachineMoney({ machine, minor }: { machine: FleetMachine; minor: number }) {
  return <span className={clsx("tabular", minor === 0 && muted)}>{formatMoney(minor, machine.currency)}</span>;
}

/** Units sold since the last restock or visit. */
export function MachineSinceVisit({ machine }: { machine: FleetMachine }) {
  return <span className={clsx("tabular", machine.unitsSinceVisit === 0 && muted)}>{machine.unitsSinceVisit}</span>;
}

export function MachineLastSale({ machine }: { machine: FleetMachine }) {
  const org = useOrg();
  return machine.lastSaleAt === null ? <span className={muted}>Never</span> : <RelativeTime date={machine.lastSaleAt} timeZone={org.timeZone} />;
}

/** Whole days since the last restock or visit: "today", "1 day", "12 days". */
export function MachineSinceService({ machine }: { machine: FleetMachine }) {
  const days = machine.daysSinceService;
  if (days === null) return <span className={muted}>Never</span>;
  return <span className="tabular">{days <= 0 ? "Today" : days === 1 ? "1 day" : `${days} days`}</span>;
}

/** One machine of the fleet table. */
export function MachineRow({ machine }: { machine: FleetMachine }) {
  const org = useOrg();
  return (
    <tr className={rowClasses}>
      <td className={cellClasses}>
        <Link
          href={`/o/${org.slug}/machines/${machine.id}`}
          className="font-medium whitespace-nowrap text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100 dark:hover:text-brand-500"
        >
          {machine.name}
        </Link>
        <p className="font-mono text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">{machine.serial}</p>
      </td>
      <td className={cellClasses}>
        <MachineStatus machine={machine} />
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
        <MachineLastSeen machine={machine} />
      </td>
      <td className={clsx(cellClasses, "max-w-44 truncate text-zinc-600 dark:text-zinc-400")} title={machine.locationName ?? undefined}>
        <MachineLocation machine={machine} />
      </td>
      <td className={cellClasses}>
        <MachineFill machine={machine} />
      </td>
      <td className={clsx(cellClasses, "tabular text-right", emptySlotsClasses(machine))}>{machine.emptySlots}</td>
      <td className={clsx(cellClasses, "text-right")}>
        <MachineFaults machine={machine} />
      </td>
      <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap text-zinc-700 dark:text-zinc-300")}>
        <MachineTemperature machine={machine} />
      </td>
      <td className={clsx(cellClasses, "text-right whitespace-nowrap text-zinc-700 dark:text-zinc-300")}>
        <MachineMoney machine={machine} minor={machine.revenueTodayMinor} />
      </td>
      <td className={clsx(cellClasses, "text-right whitespace-nowrap text-zinc-700 dark:text-zinc-300")}>
        <MachineMoney machine={machine} minor={machine.revenue7dMinor} />
      </td>
      <td className={clsx(cellClasses, "text-right text-zinc-700 dark:text-zinc-300")}>
        <MachineSinceVisit machine={machine} />
      </td>
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
        <MachineLastSale machine={machine} />
      </td>
      <td className={clsx(cellClasses, "text-right whitespace-nowrap text-zinc-700 dark:text-zinc-300")}>
        <MachineSinceService machine={machine} />
      </td>
      <td className={clsx(cellClasses, "text-right whitespace-nowrap text-zinc-700 dark:text-zinc-300")}>
        <MachineMoney machine={machine} minor={machine.expectedCashMinor} />
      </td>
    </tr>
  );
}
