import "server-only";
import { and, eq, inArray, ne, notInArray } from "drizzle-orm";
import { alerts, machines, type Alert } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { fleetStatus, type FleetStatus } from "~/server/fleet";
import { queueIntegratorEvent } from "~/server/notifications";

// A machine's status is what its alerts say: offline while its offline alert is open (the sweep
// raises it, its next report resolves it), fault while a critical fault is open. So its changes are
// told from those alerts' changes, after the ingest that made them, and ingest itself does nothing
// more for them.

/** Tells the org's webhook endpoints about machines whose status is now another than `previous`. */
export async function publishMachineStatusChanges(ctx: ServiceCtx, input: { changes: { machineId: string; previous: FleetStatus }[]; at: Date }): Promise<number> {
  if (input.changes.length === 0) return 0;
  const now = await ctx.db
    .select({ id: machines.id, status: fleetStatus(input.at), lastSeenAt: machines.lastSeenAt })
    .from(machines)
    .where(and(eq(machines.orgId, ctx.orgId), inArray(machines.id, [...new Set(input.changes.map((c) => c.machineId))])));
  const byId = new Map(now.map((m) => [m.id, m]));
  let told = 0;
  for (const change of input.changes) {
    const machine = byId.get(change.machineId);
    if (!machine || machine.status === change.previous) continue;
    await queueIntegratorEvent(ctx, {
      type: "machine.status_changed",
      data: {
        machine_id: machine.id,
        previous_status: change.previous,
        status: machine.status,
        changed_at: input.at.toISOString(),
        last_seen_at: machine.lastSeenAt?.toISOString() ?? null,
      },
    });
    told++;
  }
  return told;
}

const criticalFault = (a: Alert) => a.rule === "machine_fault" && a.severity === "critical";

/**
 * What the status of each machine was before these announced alert changes: offline when its
 * offline alert resolved, fault when a critical fault resolved, online when a critical fault was
 * raised and no other one was open. Machines whose status these changes do not touch are left out.
 */
export async function statusesBefore(ctx: ServiceCtx, input: { raised: Alert[]; resolved: Alert[] }): Promise<{ machineId: string; previous: FleetStatus }[]> {
  const before = new Map<string, FleetStatus>();
  for (const a of input.resolved) {
    if (!a.machineId) continue;
    if (a.rule === "machine_offline") before.set(a.machineId, "offline");
    else if (criticalFault(a) && before.get(a.machineId) !== "offline") before.set(a.machineId, "fault");
  }
  const faulted = input.raised.filter((a) => a.machineId && criticalFault(a) && !before.has(a.machineId));
  if (faulted.length > 0) {
    // A machine with another critical fault open was in fault already.
    const others = await ctx.db
      .selectDistinct({ machineId: alerts.machineId })
      .from(alerts)
      .where(
        and(
          eq(alerts.orgId, ctx.orgId),
          inArray(alerts.machineId, faulted.map((a) => a.machineId!)),
          notInArray(alerts.id, faulted.map((a) => a.id)),
          eq(alerts.rule, "machine_fault"),
          eq(alerts.severity, "critical"),
          ne(alerts.status, "resolved"),
        ),
      );
    const already = new Set(others.map((o) => o.machineId));
    for (const a of faulted) before.set(a.machineId!, already.has(a.machineId) ? "fault" : "online");
  }
  return [...before].map(([machineId, previous]) => ({ machineId, previous }));
}
