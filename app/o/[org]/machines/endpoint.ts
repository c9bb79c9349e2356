/** The path a machine POSTs its events to (machine protocol v1). */
export function endpointPath(machineId: string): string {
  return `/api/v1/machines/${machineId}/events`;
}
