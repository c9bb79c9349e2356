"use client";

import clsx from "clsx";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { LevelBar, type LevelTone } from "~/app/_components/ui/level-bar";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import type { RouterOutputs } from "~/app/_trpc/types";
import { useTelemetryFormat } from "./machine-figures-format";
import { useFleetStatusLabel } from "./fleet-status";

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
  const t = useTranslations("machines.row");
  const statusLabel = useFleetStatusLabel();
  return auditsOnly(machine) ? (
    <span title={t("auditsOnlyTitle")} className="text-xs font-medium whitespace-nowrap text-zinc-600 dark:text-zinc-400">
      {t("auditsOnly")}
    </span>
  ) : (
    <StatusBadge status={machine.status} label={statusLabel(machine.status)} />
  );
}

/** When it last reported (or its last audit was read). */
export function MachineLastSeen({ machine }: { machine: FleetMachine }) {
  const org = useOrg();
  const t = useTranslations("machines.row");
  return auditsOnly(machine) ? (
    <span>{t.rich("auditRead", { time: () => <RelativeTime date={machine.lastAuditAt} timeZone={org.timeZone} /> })}</span>
  ) : (
    <RelativeTime date={machine.lastSeenAt} timeZone={org.timeZone} />
  );
}

export function MachineLocation({ machine }: { machine: FleetMachine }) {
  const t = useTranslations("machines.row");
  return <>{machine.locationName ?? <span className={muted}>{t("noLocation")}</span>}</>;
}

/** Its overall stock fill as a bar and a percentage. */
export function MachineFill({ machine }: { machine: FleetMachine }) {
  const t = useTranslations("machines.row");
  const f = useFormat();
  if (machine.fill === null) return <span className={muted}>{t("noSlots")}</span>;
  return (
    <div className="flex items-center gap-2">
      <LevelBar value={Math.round(machine.fill * 100)} max={100} tone={fillTone(machine.fill)} label={t("fillOf", { name: machine.name })} className="w-16 shrink-0" />
      <span className="tabular w-9 text-right text-zinc-700 dark:text-zinc-300">{f.percent(machine.fill, 0)}</span>
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
  const telemetry = useTelemetryFormat();
  return <>{machine.temperatureC === null ? <span className={muted}>—</span> : telemetry.temperature(machine.temperatureC)}</>;
}

/** An amount of the machine's money; nothing sold shows muted. */
export function MachineMoney({ machine, minor }: { machine: FleetMachine; minor: number }) {
  const f = useFormat();
  return <span className={clsx("tabular", minor === 0 && muted)}>{f.money(minor, machine.currency)}</span>;
}

/** Units sold since the last restock or visit. */
export function MachineSinceVisit({ machine }: { machine: FleetMachine }) {
  return <span className={clsx("tabular", machine.unitsSinceVisit === 0 && muted)}>{machine.unitsSinceVisit}</span>;
}

export function MachineLastSale({ machine }: { machine: FleetMachine }) {
  const org = useOrg();
  const t = useTranslations("machines.row");
  return machine.lastSaleAt === null ? <span className={muted}>{t("never")}</span> : <RelativeTime date={machine.lastSaleAt} timeZone={org.timeZone} />;
}

/** Whole days since the last restock or visit: "today", "1 day", "12 days". */
export function MachineSinceService({ machine }: { machine: FleetMachine }) {
  const serviceDays = useServiceDays();
  return <span className={machine.daysSinceService === null ? muted : "tabular"}>{serviceDays(machine.daysSinceService)}</span>;
}

/** Whole days since service in words: "Never", "Today", "1 day", "12 days" (the machine page's figure too). */
export function useServiceDays(): (days: number | null) => string {
  const t = useTranslations("machines.row");
  return (days) => (days === null ? t("never") : days <= 0 ? t("today") : t("days", { count: days }));
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
