"use client";

import { Suspense } from "react";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { AccessPanel } from "./access-panel";
import { AuditsPanel } from "./audits-panel";
import { EventTimeline } from "./event-timeline";
import { MachineTemperatureCard } from "../../alerts/settings/machine-range-form";
import { MachineAlerts } from "./machine-alerts";
import { MachineCashCard } from "./machine-cash-card";
import { MachineFigures } from "./machine-figures";
import { MachineHeader } from "./machine-header";
import { PlanogramPanel } from "./planogram-panel";

/** The machine page: header and figures, the planogram, its audits, then the timeline beside alerts and access. */
export function MachineView({ machineId }: { machineId: string }) {
  return (
    <>
      <MachineHeader machineId={machineId} />
      <Suspense fallback={<Skeleton className="h-36 w-full" />}>
        <MachineFigures machineId={machineId} />
      </Suspense>
      <div className="mt-6">
        <Suspense fallback={<TableSkeleton rows={3} className="" />}>
          <PlanogramPanel machineId={machineId} />
        </Suspense>
      </div>
      <div className="mt-6">
        <Suspense fallback={<TableSkeleton rows={3} className="" />}>
          <AuditsPanel machineId={machineId} />
        </Suspense>
      </div>
      <div className="mt-6 grid items-start gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <Suspense fallback={<TableSkeleton rows={5} className="" />}>
            <EventTimeline machineId={machineId} />
          </Suspense>
        </div>
        <div className="min-w-0 space-y-6">
          <MachineAlerts machineId={machineId} />
          <MachineCashCard machineId={machineId} />
          <MachineTemperatureCard machineId={machineId} />
          <AccessPanel machineId={machineId} />
        </div>
      </div>
    </>
  );
}
