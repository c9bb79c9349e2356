import { useTranslations } from "next-intl";
import type { FleetStatus } from "~/server/fleet/contract";
import { fleetStatuses } from "./fleet-query";

/** The words for a machine's state in the reader's language: "Never connected" rather than its code. */
export function useFleetStatusLabel(): (status: FleetStatus) => string {
  const t = useTranslations("machines.status");
  return (status) => t(status);
}

/** The states as filter options, in the reader's language. */
export function useFleetStatusOptions(): { value: FleetStatus; label: string }[] {
  const label = useFleetStatusLabel();
  return fleetStatuses.map((value) => ({ value, label: label(value) }));
}
