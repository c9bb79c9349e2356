import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { machines } from "~/db/schema";
import { recordAudit } from "~/server/tenancy";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { fleetMessages, machineIdInput, machineInput, setDisabledInput, updateMachineInput } from "./contract";
import { issueMachineSecret, rotateSecret } from "./credentials";
import { assertLocation } from "./locations";

const serialTaken = () => new ServiceError("CONFLICT", fleetMessages.serial_taken, {}, { field: "serial" });

/**
 * Registers a machine and returns its credentials. The secret is in the answer this once and
 * never again: only its encrypted form is kept.
 */
export async function registerMachine(ctx: ServiceCtx, raw: z.input<typeof machineInput>) {
  const input = machineInput.parse(raw);
  if (input.locationId) await assertLocation(ctx, input.locationId);
  const [machine] = await ctx.db
    .insert(machines)
    .values({ id: newId("mch"), orgId: ctx.orgId, ...input })
    .onConflictDoNothing()
    .returning();
  if (!machine) throw serialTaken();
  const secret = await issueMachineSecret(ctx, { machineId: machine.id });
  await recordAudit(ctx, {
    action: "machine.registered",
    targetType: "machine",
    targetId: machine.id,
    data: { name: machine.name, serial: machine.serial },
  });
  return { machine, credentials: { machineId: machine.id, secret } };
}

export async function getMachine(ctx: ServiceCtx, machineId: string) {
  const [machine] = await ctx.db
    .select()
    .from(machines)
    .where(and(eq(machines.id, machineId), eq(machines.orgId, ctx.orgId)));
  if (!machine) throw notFound("Machine");
  return machine;
}

export async function updateMachine(ctx: ServiceCtx, raw: z.input<typeof updateMachineInput>) {
  const { machineId, ...input } = updateMachineInput.parse(raw);
  await getMachine(ctx, machineId);
  if (input.locationId) await assertLocation(ctx, input.locationId);
  const [machine] = await ctx.db
    .update(machines)
    .set(input)
    .where(and(eq(machines.id, machineId), eq(machines.orgId, ctx.orgId)))
    .returning()
    .catch((error: unknown) => {
      if (String((error as { cause?: unknown }).cause ?? error).includes("machines_org_serial_key")) throw serialTaken();
      throw error;
    });
  await recordAudit(ctx, { action: "machine.updated", targetType: "machine", targetId: machineId, data: input });
  return machine!;
}

/** New credentials for a machine; the old secret keeps working for 24 hours. */
export async function rotateMachineSecret(ctx: ServiceCtx, raw: z.input<typeof machineIdInput>) {
  const { machineId } = machineIdInput.parse(raw);
  await getMachine(ctx, machineId);
  const secret = await rotateSecret(ctx, { machineId });
  await recordAudit(ctx, { action: "machine.secret_rotated", targetType: "machine", targetId: machineId });
  return { machineId, secret };
}

/** A disabled machine's requests are refused with 403 until it is enabled again. */
export async function setMachineDisabled(ctx: ServiceCtx, raw: z.input<typeof setDisabledInput>) {
  const { machineId, disabled } = setDisabledInput.parse(raw);
  await getMachine(ctx, machineId);
  const [machine] = await ctx.db
    .update(machines)
    .set(
      disabled
        ? { disabledAt: sql`coalesce(${machines.disabledAt}, now())`, status: "disabled" }
        : { disabledAt: null, status: "offline" },
    )
    .where(and(eq(machines.id, machineId), eq(machines.orgId, ctx.orgId)))
    .returning();
  await recordAudit(ctx, { action: disabled ? "machine.disabled" : "machine.enabled", targetType: "machine", targetId: machineId });
  return machine!;
}
