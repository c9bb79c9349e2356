import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { alertSettings, machineAlertSettings, machines } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { fieldError, notFound } from "../errors";
import { recordAudit } from "~/server/tenancy";
import { alertsMessages, defaultAlertSettings, type alertSettingsInput, type machineRangeInput, type machineTemperatureInput, type OrgAlertSettings } from "./contract";

function checkRange(min: number | null, max: number | null, field = "temperatureMaxC") {
  if (min !== null && max !== null && min >= max) throw fieldError(field, alertsMessages.temperature_range_inverted);
}

/** The org's alert thresholds (the defaults until someone changes them). */
export async function getAlertSettings(ctx: Pick<ServiceCtx, "db" | "orgId">): Promise<OrgAlertSettings> {
  const [row] = await ctx.db.select().from(alertSettings).where(eq(alertSettings.orgId, ctx.orgId));
  if (!row) return { ...defaultAlertSettings };
  const { orgId: _o, updatedAt: _u, ...settings } = row;
  return settings;
}

export async function updateAlertSettings(ctx: ServiceCtx, input: z.infer<typeof alertSettingsInput>): Promise<OrgAlertSettings> {
  checkRange(input.temperatureMinC, input.temperatureMaxC);
  await ctx.db
    .insert(alertSettings)
    .values({ orgId: ctx.orgId, ...input })
    .onConflictDoUpdate({ target: alertSettings.orgId, set: { ...input, updatedAt: sql`now()` } });
  await recordAudit(ctx, { action: "alerts.settings_updated", targetType: "organization", targetId: ctx.orgId, data: input });
  return getAlertSettings(ctx);
}

async function assertMachine(ctx: ServiceCtx, machineId: string) {
  const [machine] = await ctx.db.select({ id: machines.id }).from(machines).where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, machineId)));
  if (!machine) throw notFound("Machine");
}

/** A machine's own range, or null where it uses the org's. */
export async function getMachineTemperatureRange(ctx: ServiceCtx, input: z.infer<typeof machineRangeInput>) {
  await assertMachine(ctx, input.machineId);
  const [row] = await ctx.db
    .select({ temperatureMinC: machineAlertSettings.temperatureMinC, temperatureMaxC: machineAlertSettings.temperatureMaxC })
    .from(machineAlertSettings)
    .where(and(eq(machineAlertSettings.orgId, ctx.orgId), eq(machineAlertSettings.machineId, input.machineId)));
  return row ?? { temperatureMinC: null, temperatureMaxC: null };
}

export async function setMachineTemperatureRange(ctx: ServiceCtx, input: z.infer<typeof machineTemperatureInput>) {
  checkRange(input.temperatureMinC, input.temperatureMaxC);
  await assertMachine(ctx, input.machineId);
  const range = { temperatureMinC: input.temperatureMinC, temperatureMaxC: input.temperatureMaxC };
  await ctx.db
    .insert(machineAlertSettings)
    .values({ orgId: ctx.orgId, machineId: input.machineId, ...range })
    .onConflictDoUpdate({ target: machineAlertSettings.machineId, set: { ...range, updatedAt: sql`now()` } });
  await recordAudit(ctx, { action: "machine.temperature_range_set", targetType: "machine", targetId: input.machineId, data: range });
  return range;
}

/** The range a machine is checked against: its own bounds, else the org's. */
export async function effectiveTemperatureRange(ctx: Pick<ServiceCtx, "db" | "orgId">, input: { machineId: string; settings: OrgAlertSettings }) {
  const [own] = await ctx.db
    .select({ min: machineAlertSettings.temperatureMinC, max: machineAlertSettings.temperatureMaxC })
    .from(machineAlertSettings)
    .where(and(eq(machineAlertSettings.orgId, ctx.orgId), eq(machineAlertSettings.machineId, input.machineId)));
  return { min: own?.min ?? input.settings.temperatureMinC, max: own?.max ?? input.settings.temperatureMaxC };
}
