import { defaultAlertSettings, type OrgAlertSettings } from "./contract";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { alertSettings, machineAlertSettings, machines } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { fieldError, notFound } from "../errors";
import { roundedTo } from "../input/decimals";
import { recordAudit } from "~/server/tenancy";


const temperature = z.number().min(-40, "Enter at least -40 °C").max(60, "Enter at most 60 °C").transform(roundedTo(2)).nullable();

export const alertSettingsInput = z.object({
  offlineMinutes: z.number().int().min(2, "At least 2 minutes").max(1440, "At most 1440 minutes (a day)"),
  lowStockShare: z.number().min(0, "At least 0 %").max(1, "At most 100 %").transform(roundedTo(4)),
  noSalesSensitivity: z.enum(["off", "low", "normal", "high"]),
  doorOpenMinutes: z.number().int().min(1, "At least 1 minute").max(720, "At most 720 minutes"),
  vendFailureCount: z.number().int().min(2, "At least 2 failures").max(100, "At most 100 failures"),
  vendFailureWindowMinutes: z.number().int().min(1, "At least 1 minute").max(1440, "At most 1440 minutes"),
  temperatureMinC: temperature,
  temperatureMaxC: temperature,
});

function checkRange(min: number | null, max: number | null, field = "temperatureMaxC") {
  if (min !== null && max !== null && min >= max) throw fieldError(field, "The maximum must be above the minimum.");
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

export const machineTemperatureInput = z.object({
  machineId: z.string().min(1).max(64),
  temperatureMinC: temperature,
  temperatureMaxC: temperature,
});

/** A machine's own range, or null where it uses the org's. */
export async function getMachineTemperatureRange(ctx: ServiceCtx, machineId: string) {
  const [machine] = await ctx.db.select({ id: machines.id }).from(machines).where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, machineId)));
  if (!machine) throw notFound("Machine");
  const [row] = await ctx.db
    .select({ temperatureMinC: machineAlertSettings.temperatureMinC, temperatureMaxC: machineAlertSettings.temperatureMaxC })
    .from(machineAlertSettings)
    .where(and(eq(machineAlertSettings.orgId, ctx.orgId), eq(machineAlertSettings.machineId, machineId)));
  return row ?? { temperatureMinC: null, temperatureMaxC: null };
}

export async function setMachineTemperatureRange(ctx: ServiceCtx, input: z.infer<typeof machineTemperatureInput>) {
  checkRange(input.temperatureMinC, input.temperatureMaxC);
  const [machine] = await ctx.db.select({ id: machines.id }).from(machines).where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, input.machineId)));
  if (!machine) throw notFound("Machine");
  const range = { temperatureMinC: input.temperatureMinC, temperatureMaxC: input.temperatureMaxC };
  await ctx.db
    .insert(machineAlertSettings)
    .values({ orgId: ctx.orgId, machineId: input.machineId, ...range })
    .onConflictDoUpdate({ target: machineAlertSettings.machineId, set: { ...range, updatedAt: sql`now()` } });
  await recordAudit(ctx, { action: "machine.temperature_range_set", targetType: "machine", targetId: input.machineId, data: range });
  return range;
}

/** The range a machine is checked against: its own bounds, else the org's. */
export async function effectiveTemperatureRange(ctx: Pick<ServiceCtx, "db" | "orgId">, machineId: string, org: OrgAlertSettings) {
  const [own] = await ctx.db
    .select({ min: machineAlertSettings.temperatureMinC, max: machineAlertSettings.temperatureMaxC })
    .from(machineAlertSettings)
    .where(and(eq(machineAlertSettings.orgId, ctx.orgId), eq(machineAlertSettings.machineId, machineId)));
  return { min: own?.min ?? org.temperatureMinC, max: own?.max ?? org.temperatureMaxC };
}
