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

/** The machine row as the ingest transaction locks it. */
export interface LockedMachine {
  locationId: string | null;
  disabled: boolean;
  credentialsVersion: number;
  requestWindow: RequestWindow | null;
  /** The database's clock when the lock was granted. */
  now: Date;
}

/** The machine API's fixed window: when it started and the requests counted in it. */
export interface RequestWindow {
  startedAt: Date;
  count: number;
}

/**
 * Locks the machine's row for the rest of the transaction, so one machine's batches apply one at
 * a time, and reads what the request checks on it. A statement of the ingest script.
 */
export function lockMachineStatement(ctx: ServiceCtx, { machineId }: { machineId: string }): SQL {
  return sql`select location_id, disabled_at is not null as disabled, credentials_version, request_window_started_at,
      request_window_count, clock_timestamp() as now
    from machines where id = ${machineId} and org_id = ${ctx.orgId} for update`;
}

/** The locked row as `lockMachineStatement` returned it, or null when the machine is not this org's. */
export function lockedMachineOf(rows: Record<string, unknown>[]): LockedMachine | null {
  const row = rows[0];
  if (!row) return null;
  const startedAt = row.request_window_started_at as Date | string | null;
  return {
    locationId: (row.location_id as string | null) ?? null,
    disabled: row.disabled === true,
    credentialsVersion: Number(row.credentials_version),
    requestWindow: startedAt === null ? null : { startedAt: new Date(startedAt), count: Number(row.request_window_count) },
    now: new Date(row.now as Date | string),
  };
}

/**
 * Counts one request in the machine's fixed window: a window older than `windowSeconds` starts
 * over. Returns the window to store, or how many seconds to wait when the request is over the limit
 * (a refused request is not counted).
 */
export function countRequest(
  window: RequestWindow | null,
  input: { now: Date; limit: { requests: number; windowSeconds: number } },
): { window: RequestWindow } | { retryAfter: number } {
  const { now, limit } = input;
  const endsAt = window ? window.startedAt.getTime() + limit.windowSeconds * 1000 : 0;
  if (!window || endsAt <= now.getTime()) return { window: { startedAt: now, count: 1 } };
  if (window.count >= limit.requests) return { retryAfter: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
  return { window: { startedAt: window.startedAt, count: window.count + 1 } };
}

/**
 * Records, in one statement, what a request and its batch say about the machine: the request
 * counted in its window and, when the machine itself reported events, last seen, its status and,
 * from a heartbeat newer than the one it holds, its telemetry and firmware. `faulted` is a
 * condition (from the alerts domain) that holds while the machine has an unresolved critical
 * fault; a disabled machine stays disabled. Null when there is nothing to record.
 */
export function machineReportStatement(
  ctx: ServiceCtx,
  input: {
    machineId: string;
    receivedAt: Date;
    requestWindow: RequestWindow | null;
    report: { heartbeat: HeartbeatFact | null; faulted: SQL<boolean> } | null;
  },
): SQL | null {
  const { report, requestWindow } = input;
  if (!report && !requestWindow) return null;
  const heartbeat = report?.heartbeat;
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
  const presence = report
    ? {
        ...telemetry,
        lastSeenAt: sql`greatest(${machines.lastSeenAt}, ${input.receivedAt.toISOString()}::timestamptz)`,
        status: sql`case when ${machines.disabledAt} is not null then 'disabled'::machine_status
          when ${report.faulted} then 'fault'::machine_status else 'online'::machine_status end`,
      }
    : {};
  const counted = requestWindow ? { requestWindowStartedAt: requestWindow.startedAt, requestWindowCount: requestWindow.count } : {};
  return ctx.db
    .update(machines)
    .set({ ...presence, ...counted })
    .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, input.machineId)))
    .getSQL();
}

/**
 * Counts a machine's request that does not go through ingest (an audit upload) in the same
 * rate-limit window, on its row locked for the caller's transaction; with the same refusals as a
 * batch: disabled, credentials changed since they were verified, over the limit.
 */
export async function countMachineRequest(
  ctx: ServiceCtx,
  input: { machineId: string; credentialsVersion: number; limit: { requests: number; windowSeconds: number } },
): Promise<{ ok: true } | { ok: false; code: "machine_disabled" | "credentials_changed" } | { ok: false; code: "rate_limited"; retryAfter: number }> {
  const result = (await ctx.db.execute(lockMachineStatement(ctx, { machineId: input.machineId }))) as unknown as { rows: Record<string, unknown>[] };
  const locked = lockedMachineOf(result.rows);
  if (!locked) throw new Error(`machine ${input.machineId} not in org ${ctx.orgId}`);
  if (locked.disabled) return { ok: false, code: "machine_disabled" };
  if (locked.credentialsVersion !== input.credentialsVersion) return { ok: false, code: "credentials_changed" };
  const counted = countRequest(locked.requestWindow, { now: locked.now, limit: input.limit });
  if ("retryAfter" in counted) return { ok: false, code: "rate_limited", retryAfter: counted.retryAfter };
  await ctx.db.execute(machineReportStatement(ctx, { machineId: input.machineId, receivedAt: locked.now, requestWindow: counted.window, report: null })!);
  return { ok: true };
}
