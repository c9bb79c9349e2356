"use client";

import Link from "next/link";
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
        { label: "Last seen", value: <MachineLastSeen machine={machine} /> },
        { label: "Location", value: <MachineLocation machine={machine} /> },
        { label: "Stock fill", value: <MachineFill machine={machine} /> },
        { label: "Empty slots", value: <span className={`tabular ${emptySlotsClasses(machine)}`}>{machine.emptySlots}</span> },
        { label: "Open faults", value: <MachineFaults machine={machine} /> },
        { label: "Revenue 7 days", value: <MachineMoney machine={machine} minor={machine.revenue7dMinor} /> },
        { label: "Since visit", value: <MachineSinceVisit machine={machine} /> },
        { label: "Cash in box", value: <MachineMoney machine={machine} minor={machine.expectedCashMinor} /> },
        { label: "Temperature", value: <span className="tabular"><MachineTemperature machine={machine} /></span> },
      ]}
    />
  );
}
