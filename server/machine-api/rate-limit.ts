import "server-only";
import type { Db } from "~/db/client";
import { countMachineRequest } from "~/server/ingest";

/**
 * Requests a machine may make per window. A machine heartbeats every minute and polls every few
 * seconds while a consumer is at its checkout; this leaves room for flushing a long backlog.
 */
export const MACHINE_RATE_LIMIT = { requests: 120, windowSeconds: 60 } as const;

/** Counts one request of the machine; returns how many seconds to wait if it is over its limit, else null. */
export async function consumeMachineRequest(db: Db, input: { machineId: string; limit?: { requests: number; windowSeconds: number } }): Promise<number | null> {
  const limit = input.limit ?? MACHINE_RATE_LIMIT;
  const counted = await countMachineRequest(db, { machineId: input.machineId, windowSeconds: limit.windowSeconds });
  if (counted.requests <= limit.requests) return null;
  return Math.max(1, Math.ceil(counted.secondsLeft));
}
