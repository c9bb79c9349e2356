import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { machines } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";

/** The newest heartbeat of a batch: what the machine said about itself. */
export interface HeartbeatFact {
  occurredAt: Date;
  temperatureC?: number;
  doorOpen?: boolean;
  signalDbm?: number;
  firmware?: string;
}

/**
 * Records that the machine reported in: last seen, its status and, from a heartbeat newer than the
 * one it holds, its telemetry and firmware, in one statement. `faulted` is a condition (from the
 * alerts domain) that holds while the machine has an unresolved critical fault; a disabled machine
 * stays disabled.
 */
export async function recordMachineReport(
  ctx: ServiceCtx,
  input: { machineId: string; receivedAt: Date; heartbeat: HeartbeatFact | null; faulted: SQL<boolean> },
): Promise<void> {
  const { heartbeat } = input;
  const newer = heartbeat && sql`${machines.telemetryAt} is null or ${machines.telemetryAt} < ${heartbeat.occurredAt.toISOString()}::timestamptz`;
  const telemetry = heartbeat
    ? {
        temperatureC: sql`case when ${newer} then ${heartbeat.temperatureC ?? null}::real else ${machines.temperatureC} end`,
        doorOpen: sql`case when ${newer} then ${heartbeat.doorOpen ?? null}::boolean else ${machines.doorOpen} end`,
        signalDbm: sql`case when ${newer} then ${heartbeat.signalDbm === undefined ? null : Math.round(heartbeat.signalDbm)}::int else ${machines.signalDbm} end`,
        firmware: sql`case when ${newer} then coalesce(${heartbeat.firmware ?? null}::text, ${machines.firmware}) else ${machines.firmware} end`,
        telemetryAt: sql`greatest(${machines.telemetryAt}, ${heartbeat.occurredAt.toISOString()}::timestamptz)`,
      }
    : {};
  await ctx.db
    .update(machines)
    .set({
      ...telemetry,
      lastSeenAt: sql`greatest(${machines.lastSeenAt}, ${input.receivedAt.toISOString()}::timestamptz)`,
      status: sql`case when ${machines.disabledAt} is not null then 'disabled'::machine_status
        when ${input.faulted} then 'fault'::machine_status else 'online'::machine_status end`,
    })
    .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, input.machineId)));
}
