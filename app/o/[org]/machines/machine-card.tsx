"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useOrg } from "~/app/_components/org/org-context";
import { RecordCard } from "~/app/_components/ui/card-list";
import {
  MachineFaults,
  MachineFill,
  MachineLastSeen,
  MachineLocation,
  MachineMoney,
  MachineSinceVisit,
  MachineStatus,
  MachineTemperature,
  emptySlotsClasses,
  type FleetMachine,
} from "./machine-row";

/** One machine of the fleet on a phone: the facts of its table row, stacked. */
export function MachineCard({ machine }: { machine: FleetMachine }) {
  const org = useOrg();
  const t = useTranslations("machines.fields");
  return (
    <RecordCard
      title={
        <Link href={`/o/${org.slug}/machines/${machine.id}`} className="hover:text-brand-600 hover:underline dark:hover:text-brand-500">
          {machine.name}
        </Link>
      }
      subtitle={<span className="font-mono">{machine.serial}</span>}
      badges={<MachineStatus machine={machine} />}
      facts={[
        { label: t("lastSeen"), value: <MachineLastSeen machine={machine} /> },
        { label: t("location"), value: <MachineLocation machine={machine} /> },
        { label: t("fill"), value: <MachineFill machine={machine} /> },
        { label: t("emptySlots"), value: <span className={`tabular ${emptySlotsClasses(machine)}`}>{machine.emptySlots}</span> },
        { label: t("openFaults"), value: <MachineFaults machine={machine} /> },
        { label: t("revenue7d"), value: <MachineMoney machine={machine} minor={machine.revenue7dMinor} /> },
        { label: t("sinceVisit"), value: <MachineSinceVisit machine={machine} /> },
        { label: t("cash"), value: <MachineMoney machine={machine} minor={machine.expectedCashMinor} /> },
        { label: t("temperature"), value: <span className="tabular"><MachineTemperature machine={machine} /></span> },
      ]}
    />
  );
}
